import { describe, expect, it } from "vitest";
import { offeredQuantity } from "./stock-policy.ts";
import { supplyNeed } from "./supply-need.ts";

describe("supply need", () => {
  it("explains the issue's example: reorder at 67, order 30", () => {
    const need = supplyNeed({
      salesPerDay: 3.2,
      leadTimeDays: 14,
      safetyDays: 7,
      reviewDays: 7,
      available: 41,
      onOrder: 20,
      minOrderQuantity: 1,
      orderMultiple: 10,
    });
    expect(need).toEqual({
      reorderPoint: 67,
      quantity: 30,
      explanation:
        "sells 3.2/day; 14 days' lead + 7 safety → reorder at 67, + 7 days' cover (22.4); 41 available, 20 on order → order 30 (29 rounded up to a multiple of 10)",
    });
  });

  it("orders at least the minimum, and nothing when stock and orders cover the need", () => {
    const base = {
      salesPerDay: 2,
      leadTimeDays: 5,
      safetyDays: 5,
      reviewDays: 0,
      onOrder: 0,
      orderMultiple: 1,
    };
    expect(supplyNeed({ ...base, available: 15, minOrderQuantity: 12 })).toMatchObject({
      reorderPoint: 20,
      quantity: 12,
    });
    const none = supplyNeed({ ...base, available: 25, minOrderQuantity: 12 });
    expect(none.quantity).toBe(0);
    expect(none.explanation).toContain("→ nothing to order");
  });
});

describe("stock policy", () => {
  const stock = [
    { supplierId: "a", quantity: 100 },
    { supplierId: "b", quantity: 3 },
  ];
  const allowances = new Map([
    ["a", { buffer: 10, maximum: 50 }],
    ["b", { buffer: 5, maximum: null }],
  ]);
  it("offers own stock, own plus suppliers' less buffers within maxima, or suppliers' only", () => {
    expect(offeredQuantity("own", 7, stock, allowances)).toBe(7);
    expect(offeredQuantity("own+suppliers", 7, stock, allowances)).toBe(57);
    expect(offeredQuantity("suppliers", 7, stock, allowances)).toBe(50);
    expect(offeredQuantity("own+suppliers", -2, stock, new Map())).toBe(103);
  });
});
