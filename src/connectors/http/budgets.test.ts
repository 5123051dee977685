import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  concurrencyLimit,
  costBucket,
  leakyBucket,
  perMinuteBudget,
  perSecondQuota,
  windowBudget,
} from "./budgets.ts";

describe("named budgets", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("spends a cost-based bucket by cost and refunds the over-estimate", async () => {
    const budget = costBucket({ capacity: 1_000, refillPerSecond: 50, now: () => Date.now() });
    await budget.take(400, "catalog");
    budget.settle(400, 90);
    expect(budget.snapshot()).toMatchObject({ available: 910, capacity: 1_000, refillPerSecond: 50 });
  });

  it("lets a leaky bucket's burst through, then one request per leak", async () => {
    const budget = leakyBucket({ requests: 4, leakPerSecond: 2, now: () => Date.now() });
    let granted = 0;
    for (let i = 0; i < 6; i++)
      void budget.take(1, "stock").then(() => {
        granted++;
      });
    await vi.advanceTimersByTimeAsync(0);
    expect(granted).toBe(4);
    await vi.advanceTimersByTimeAsync(500);
    expect(granted).toBe(5);
    await vi.advanceTimersByTimeAsync(500);
    expect(granted).toBe(6);
  });

  it("holds a per-second quota to its count in each second", async () => {
    const budget = perSecondQuota({ requests: 3, now: () => Date.now() });
    let granted = 0;
    for (let i = 0; i < 7; i++)
      void budget.take(1, "orders").then(() => {
        granted++;
      });
    await vi.advanceTimersByTimeAsync(0);
    expect(granted).toBe(3);
    await vi.advanceTimersByTimeAsync(999);
    expect(granted).toBe(3);
    await vi.advanceTimersByTimeAsync(1);
    expect(granted).toBe(6);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(granted).toBe(7);
  });

  it("models a quota of 150 requests per 30-second window", () => {
    const snapshot = windowBudget({ requests: 150, windowSeconds: 30 }).snapshot();
    expect(snapshot).toEqual({ available: 150, capacity: 150, refillPerSecond: 5, waiting: 0 });
  });

  it("never lets more than 500 requests a minute through in any 60 seconds, nor 10 in any second", async () => {
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

  it("caps requests in flight", () => {
    expect(concurrencyLimit(10).executionSlots).toBe(10);
    expect(() => concurrencyLimit(0)).toThrow(RangeError);
  });
});
