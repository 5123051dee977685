import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { planLine } from "./planner-math.ts";

const base = { reportDays: 90, overstockDays: 100, understockDays: 7 };

describe("planner arithmetic (R-INV-4/5)", () => {
  it("computes days of supply and d by hand", () => {
    // 90 sold in 90 days = 1/day; 30 available = 30 days; lead time 10 → d = 20: ok
    expect(planLine({ ...base, unitsSold: 90, available: 30, leadTimeDays: 10 })).toEqual({
      averageDailySales: 1,
      daysOfSupply: 30,
      difference: 20,
      status: "ok",
    });
    // 180 sold = 2/day; 10 available = 5 days; lead 14 → d = −9 < 7: understock
    expect(planLine({ ...base, unitsSold: 180, available: 10, leadTimeDays: 14 }).status).toBe("understock");
    // 9 sold = 0.1/day; 50 available = 500 days; lead 30 → d = 470 > 100: overstock
    expect(planLine({ ...base, unitsSold: 9, available: 50, leadTimeDays: 30 })).toMatchObject({
      daysOfSupply: 500,
      difference: 470,
      status: "overstock",
    });
  });

  it("treats zero sales as infinite supply", () => {
    expect(planLine({ ...base, unitsSold: 0, available: 5, leadTimeDays: 3 })).toEqual({
      averageDailySales: 0,
      daysOfSupply: null,
      difference: null,
      status: "overstock",
    });
    expect(planLine({ ...base, unitsSold: 0, available: 0, leadTimeDays: 3 }).status).toBe("ok");
  });

  it("counts a missing lead time as zero days", () => {
    expect(planLine({ ...base, unitsSold: 90, available: 30, leadTimeDays: null }).difference).toBe(30);
  });

  it("keeps the boundaries inclusive on the ok side", () => {
    // d exactly 100 is not overstock; d exactly 7 is not understock
    expect(planLine({ ...base, unitsSold: 90, available: 110, leadTimeDays: 10 }).status).toBe("ok");
    expect(planLine({ ...base, unitsSold: 90, available: 101, leadTimeDays: 0 }).status).toBe("overstock");
    expect(planLine({ ...base, unitsSold: 90, available: 17, leadTimeDays: 10 }).status).toBe("ok");
    expect(planLine({ ...base, unitsSold: 90, available: 16, leadTimeDays: 10 }).status).toBe("understock");
  });

  it("always agrees with d compared to the settings", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100_000 }),
        fc.integer({ min: -1000, max: 100_000 }),
        fc.option(fc.integer({ min: 0, max: 365 }), { nil: null }),
        fc.integer({ min: 1, max: 365 }),
        fc.integer({ min: -50, max: 50 }),
        fc.integer({ min: 0, max: 400 }),
        (unitsSold, available, leadTimeDays, reportDays, understockDays, extra) => {
          const overstockDays = understockDays + extra;
          const p = planLine({
            unitsSold,
            available,
            leadTimeDays,
            reportDays,
            overstockDays,
            understockDays,
          });
          const d = available / (unitsSold / reportDays) - (leadTimeDays ?? 0);
          expect(p.difference).toBeCloseTo(d, 6);
          const expected = d > overstockDays ? "overstock" : d < understockDays ? "understock" : "ok";
          expect(p.status).toBe(expected);
        },
      ),
    );
  });
});
