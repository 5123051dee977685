import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { concurrencyLimit, perMinuteBudget, shopifyGraphqlBudget, windowBudget } from "./budgets.ts";

describe("named budgets", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("models Shopify GraphQL cost buckets per plan", () => {
    const numbers = (["standard", "advanced", "plus", "enterprise"] as const).map((plan) => {
      const { capacity, refillPerSecond } = shopifyGraphqlBudget(plan).snapshot();
      return [plan, capacity, refillPerSecond];
    });
    expect(numbers).toEqual([
      ["standard", 2_000, 100],
      ["advanced", 4_000, 200],
      ["plus", 20_000, 1_000],
      ["enterprise", 40_000, 2_000],
    ]);
  });

  it("models BigCommerce's 150 requests per 30-second window", () => {
    const snapshot = windowBudget({ requests: 150, windowSeconds: 30 }).snapshot();
    expect(snapshot).toEqual({ available: 150, capacity: 150, refillPerSecond: 5, waiting: 0 });
  });

  it("never lets more than 500 QuickBooks requests through in any 60 seconds, nor 10 in any second", async () => {
    const budget = perMinuteBudget(500, { now: () => Date.now() });
    expect(budget.snapshot()).toMatchObject({ capacity: 1, refillPerSecond: 499 / 60 });
    const grants: number[] = [];
    const start = Date.now();
    const takes = Array.from({ length: 1_200 }, () =>
      budget.take(1, "stock").then(() => {
        grants.push(Date.now() - start);
      }),
    );
    await vi.advanceTimersByTimeAsync(150_000);
    await Promise.all(takes);
    const most = (span: number) =>
      Math.max(...grants.map((t) => grants.filter((u) => u >= t && u < t + span).length));
    expect(most(60_000)).toBeLessThanOrEqual(500);
    expect(most(60_000)).toBeGreaterThanOrEqual(495);
    expect(most(1_000)).toBeLessThanOrEqual(10);
  });

  it("caps QuickBooks Online at 10 concurrent requests", () => {
    expect(concurrencyLimit(10).executionSlots).toBe(10);
    expect(() => concurrencyLimit(0)).toThrow(RangeError);
  });
});
