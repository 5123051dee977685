import { describe, expect, it } from "vitest";
import { checkRange, periodKeys, presetRange } from "./periods.ts";
import { buildSummary, orderNumbersNote, type SummarisedOrder } from "./summary-builder.ts";

const order = (
  n: number,
  lines: SummarisedOrder["lines"],
  extra: Partial<SummarisedOrder> = {},
): SummarisedOrder => ({
  id: `o${n}`,
  orderNumber: `#${n}`,
  currency: "USD",
  discountMinor: 0,
  taxMinor: 0,
  shippingMinor: 0,
  lines,
  ...extra,
});
const widget = (quantity: number, unitPriceMinor = 1999) => ({
  sku: "A",
  name: "Widget",
  quantity,
  unitPriceMinor,
});

describe("summary grouping arithmetic", () => {
  it("folds fifty orders of one SKU into one line of quantity 50 with the exact amount", () => {
    const orders = Array.from({ length: 50 }, (_, i) => order(i, [widget(1)]));
    const s = buildSummary("USD", orders);
    expect(s.lines).toEqual([
      { sku: "A", name: "Widget", quantity: 50, unitPriceMinor: 1999, amountMinor: 99_950 },
    ]);
    expect(s.totalMinor).toBe(99_950);
    expect(s.orders).toHaveLength(50);
  });

  it("keeps one line per price and sums discounts, tax and shipping so the total equals the orders", () => {
    const orders = [
      order(1, [widget(2), { sku: "B", name: "Bolt", quantity: 1, unitPriceMinor: 333 }], {
        discountMinor: 100,
        taxMinor: 57,
        shippingMinor: 499,
      }),
      order(2, [widget(1, 1500)], { taxMinor: 3, shippingMinor: 1 }),
    ];
    const s = buildSummary("USD", orders);
    expect(s.lines.map((l) => [l.sku, l.unitPriceMinor, l.quantity, l.amountMinor])).toEqual([
      ["A", 1500, 1, 1500],
      ["A", 1999, 2, 3998],
      ["B", 333, 1, 333],
    ]);
    const orderTotals = 2 * 1999 + 333 - 100 + 57 + 499 + (1500 + 3 + 1);
    expect(s.totalMinor).toBe(orderTotals);
    expect([s.discountMinor, s.taxMinor, s.shippingMinor]).toEqual([100, 60, 500]);
  });

  it("cuts the order-number note at 4,000 characters and says how many are left out", () => {
    const numbers = Array.from({ length: 2000 }, (_, i) => `#${100000 + i}`);
    const note = orderNumbersNote("Shop 2024-05-01 orders", numbers);
    expect(note.length).toBeLessThanOrEqual(4000);
    expect(note).toMatch(/… and \d+ more$/);
  });
});

describe("sync periods", () => {
  it("refuses ranges of four months or more", () => {
    expect(() => checkRange({ from: "2024-01-01", to: "2024-04-30" })).not.toThrow();
    expect(() => checkRange({ from: "2024-01-01", to: "2024-05-01" })).toThrow(/at most 4 months/);
  });

  it("gives one key per day, or per month", () => {
    expect(periodKeys({ from: "2024-01-30", to: "2024-02-02" }, "day")).toEqual([
      "2024-01-30",
      "2024-01-31",
      "2024-02-01",
      "2024-02-02",
    ]);
    expect(periodKeys({ from: "2024-01-30", to: "2024-02-02" }, "month")).toEqual(["2024-01", "2024-02"]);
  });

  it("computes the presets in UTC", () => {
    const now = new Date("2024-05-15T10:00:00Z"); // a Wednesday
    expect(presetRange("current-week", now)).toEqual({ from: "2024-05-13", to: "2024-05-15" });
    expect(presetRange("last-month", now)).toEqual({ from: "2024-04-01", to: "2024-04-30" });
    expect(presetRange("last-quarter", now)).toEqual({ from: "2024-01-01", to: "2024-03-31" });
  });
});
