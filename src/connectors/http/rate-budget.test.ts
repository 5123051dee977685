import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createTokenBucket, type Priority, type RateBudget } from "./rate-budget.ts";

/** Records the order in which takes resolve. */
function tracker(budget: RateBudget) {
  const served: string[] = [];
  const take = (name: string, cost: number, priority: Priority) =>
    budget.take(cost, priority).then(() => {
      served.push(name);
    });
  return { served, take };
}

describe("createTokenBucket", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });
  const bucket = (capacity: number, refillPerSecond: number) =>
    createTokenBucket({ capacity, refillPerSecond, now: () => Date.now() });

  it("starts full and spends without waiting", async () => {
    const budget = bucket(10, 2);
    await budget.take(4, "stock");
    expect(budget.snapshot()).toEqual({ available: 6, capacity: 10, refillPerSecond: 2, waiting: 0 });
  });

  it("waits on a single timer until the refill covers the cost", async () => {
    const budget = bucket(10, 2);
    await budget.take(10, "stock");
    let done = false;
    void budget.take(4, "stock").then(() => {
      done = true;
    });
    expect(vi.getTimerCount()).toBe(1);
    await vi.advanceTimersByTimeAsync(1_999);
    expect(done).toBe(false);
    expect(budget.snapshot().waiting).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(done).toBe(true);
    expect(budget.snapshot().available).toBeCloseTo(0);
  });

  it("never refills beyond capacity", async () => {
    const budget = bucket(10, 2);
    await budget.take(10, "catalog");
    await vi.advanceTimersByTimeAsync(60_000);
    expect(budget.snapshot().available).toBe(10);
  });

  it("serves orders before stock before catalogue, first come first served within each", async () => {
    const budget = bucket(5, 1);
    await budget.take(5, "catalog");
    const { served, take } = tracker(budget);
    const all = [
      take("catalog-1", 1, "catalog"),
      take("stock-1", 1, "stock"),
      take("orders-1", 1, "orders"),
      take("catalog-2", 1, "catalog"),
      take("orders-2", 1, "orders"),
      take("stock-2", 1, "stock"),
    ];
    await vi.advanceTimersByTimeAsync(6_000);
    await Promise.all(all);
    expect(served).toEqual(["orders-1", "orders-2", "stock-1", "stock-2", "catalog-1", "catalog-2"]);
  });

  it("lets an order import overtake a catalogue request that is already waiting", async () => {
    const budget = bucket(10, 1);
    await budget.take(10, "catalog");
    const { served, take } = tracker(budget);
    const catalog = take("catalog", 8, "catalog");
    await vi.advanceTimersByTimeAsync(2_000);
    const orders = take("orders", 2, "orders");
    await vi.advanceTimersByTimeAsync(0);
    expect(served).toEqual(["orders"]);
    await vi.advanceTimersByTimeAsync(8_000);
    await Promise.all([catalog, orders]);
    expect(served).toEqual(["orders", "catalog"]);
  });

  it("keeps a large waiting request ahead of smaller ones of its priority", async () => {
    const budget = bucket(10, 1);
    await budget.take(10, "catalog");
    const { served, take } = tracker(budget);
    const all = [take("big", 6, "catalog"), take("small", 1, "catalog")];
    await vi.advanceTimersByTimeAsync(5_000);
    expect(served).toEqual([]);
    await vi.advanceTimersByTimeAsync(2_000);
    await Promise.all(all);
    expect(served).toEqual(["big", "small"]);
  });

  it("refunds the difference when the actual cost is lower, releasing waiters", async () => {
    const budget = bucket(1_000, 50);
    await budget.take(1_000, "stock");
    let done = false;
    void budget.take(500, "stock").then(() => {
      done = true;
    });
    budget.settle(1_000, 400);
    await vi.advanceTimersByTimeAsync(0);
    expect(done).toBe(true);
    expect(budget.snapshot().available).toBe(100);
  });

  it("charges the extra when the actual cost is higher, and caps refunds at capacity", async () => {
    const budget = bucket(100, 10);
    await budget.take(10, "stock");
    budget.settle(10, 30);
    expect(budget.snapshot().available).toBe(70);
    budget.settle(500, 0);
    expect(budget.snapshot().available).toBe(100);
  });

  it("adopts the platform's reported state", async () => {
    const budget = bucket(2_000, 100);
    budget.observe({ available: 12, capacity: 4_000, refillPerSecond: 200 });
    expect(budget.snapshot()).toEqual({ available: 12, capacity: 4_000, refillPerSecond: 200, waiting: 0 });
    let done = false;
    void budget.take(212, "orders").then(() => {
      done = true;
    });
    await vi.advanceTimersByTimeAsync(999);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(done).toBe(true);
  });

  it("releases a waiter at once when an observation reports more room", async () => {
    const budget = bucket(100, 1);
    await budget.take(100, "stock");
    let done = false;
    void budget.take(50, "stock").then(() => {
      done = true;
    });
    budget.observe({ available: 80 });
    await vi.advanceTimersByTimeAsync(0);
    expect(done).toBe(true);
  });

  it("refuses a cost above capacity, or a negative one", async () => {
    const budget = bucket(100, 1);
    await expect(budget.take(101, "catalog")).rejects.toThrow(/exceeds the rate budget's capacity 100/);
    await expect(budget.take(-1, "catalog")).rejects.toThrow(RangeError);
    expect(() => budget.settle(-1, 0)).toThrow(RangeError);
    expect(() => createTokenBucket({ capacity: 0, refillPerSecond: 1 })).toThrow(RangeError);
  });

  it("rejects a waiter the platform's smaller reported capacity can never satisfy", async () => {
    const budget = bucket(100, 1);
    await budget.take(100, "stock");
    const waiting = budget.take(80, "stock");
    budget.observe({ available: 0, capacity: 50 });
    await expect(waiting).rejects.toThrow(/capacity 50/);
    expect(budget.snapshot().waiting).toBe(0);
  });
});
