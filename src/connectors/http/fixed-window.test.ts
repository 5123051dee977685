import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createFixedWindow } from "./fixed-window.ts";

describe("createFixedWindow", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });
  const window = (requests: number, windowMs: number) =>
    createFixedWindow({ requests, windowMs, now: () => Date.now() });

  it("allows the whole quota at once, then waits for the window to reset", async () => {
    const budget = window(3, 1_000);
    await Promise.all([budget.take(1, "stock"), budget.take(1, "stock"), budget.take(1, "stock")]);
    let done = false;
    void budget.take(1, "stock").then(() => {
      done = true;
    });
    await vi.advanceTimersByTimeAsync(999);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(done).toBe(true);
    expect(budget.snapshot()).toEqual({ available: 2, capacity: 3, refillPerSecond: 3, waiting: 0 });
  });

  it("realigns on the platform's requests-left and reset time", async () => {
    const budget = window(150, 30_000);
    budget.observe({ available: 0, capacity: 150, refillPerSecond: 5, resetInMs: 200 });
    let done = false;
    void budget.take(1, "orders").then(() => {
      done = true;
    });
    await vi.advanceTimersByTimeAsync(199);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(done).toBe(true);
    expect(budget.snapshot().available).toBe(149);
  });

  it("skips whole idle windows without granting more than one quota", async () => {
    const budget = window(2, 1_000);
    await vi.advanceTimersByTimeAsync(5_500);
    await budget.take(2, "catalog");
    expect(budget.snapshot().available).toBe(0);
    let done = false;
    void budget.take(1, "catalog").then(() => {
      done = true;
    });
    await vi.advanceTimersByTimeAsync(499);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(done).toBe(true);
  });
});
