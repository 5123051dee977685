import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { windowBudget } from "./budgets.ts";
import { rateHeaderSignals, retryUnreportedThrottle } from "./rate-headers.ts";

const view = (status: number, headers: Record<string, string> = {}) => ({
  status,
  headers: new Headers(headers),
  bodyText: "",
});

describe("a fixed window reported in millisecond headers", () => {
  const signals = rateHeaderSignals({
    remaining: "X-Rate-Limit-Requests-Left",
    limit: "X-Rate-Limit-Requests-Quota",
    window: "X-Rate-Limit-Time-Window-Ms",
    reset: "X-Rate-Limit-Time-Reset-Ms",
  });
  const headers = {
    "X-Rate-Limit-Requests-Left": "0",
    "X-Rate-Limit-Requests-Quota": "150",
    "X-Rate-Limit-Time-Window-Ms": "30000",
    "X-Rate-Limit-Time-Reset-Ms": "12000",
  };

  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("reads the window, and on a 429 waits for the reset", () => {
    expect(signals(view(429, headers))).toEqual({
      status: { available: 0, capacity: 150, refillPerSecond: 5, resetInMs: 12_000 },
      retryAfterMs: 12_000,
    });
    expect(signals(view(200, { ...headers, "X-Rate-Limit-Requests-Left": "149" }))).toEqual({
      status: { available: 149, capacity: 150, refillPerSecond: 5, resetInMs: 12_000 },
    });
  });

  it("realigns a 30-second window budget so the next call waits for the reported reset", async () => {
    const budget = windowBudget({ requests: 150, windowSeconds: 30, now: () => Date.now() });
    const status = signals(view(429, headers))?.status;
    if (!status) throw new Error("no status read");
    budget.observe(status);
    let done = false;
    void budget.take(1, "stock").then(() => {
      done = true;
    });
    await vi.advanceTimersByTimeAsync(11_999);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(done).toBe(true);
    expect(budget.snapshot()).toMatchObject({ available: 149, capacity: 150, refillPerSecond: 5 });
  });

  it("reports nothing when the remaining-count header is absent or not a number", () => {
    expect(signals(view(200))).toBeUndefined();
    expect(signals(view(200, { "X-Rate-Limit-Requests-Left": "lots" }))).toBeUndefined();
  });
});

describe("a quota reported as Limit / Remaining / Reset in seconds", () => {
  const signals = rateHeaderSignals({
    remaining: "X-Rate-Limit-Remaining",
    limit: "X-Rate-Limit-Limit",
    reset: "X-Rate-Limit-Reset",
    timeUnit: "s",
    windowSeconds: 60,
  });

  it("converts the reset to milliseconds and derives the rate from the declared window", () => {
    const headers = { "X-Rate-Limit-Limit": "40", "X-Rate-Limit-Remaining": "0", "X-Rate-Limit-Reset": "17" };
    expect(signals(view(429, headers))).toEqual({
      status: { available: 0, capacity: 40, refillPerSecond: 40 / 60, resetInMs: 17_000 },
      retryAfterMs: 17_000,
    });
  });

  it("can leave the wait to Retry-After and the budget", () => {
    const noWait = rateHeaderSignals({
      remaining: "X-Rate-Limit-Remaining",
      reset: "X-Rate-Limit-Reset",
      timeUnit: "s",
      waitForResetOnThrottle: false,
    });
    expect(noWait(view(429, { "X-Rate-Limit-Remaining": "0", "X-Rate-Limit-Reset": "3" }))).toEqual({
      status: { available: 0, resetInMs: 3_000 },
    });
  });
});

describe("retryUnreportedThrottle", () => {
  const classify = retryUnreportedThrottle("X-Rate-Limit-Requests-Left");

  it("backs off exponentially on a 429 without the rate headers (load shedding)", () => {
    expect(classify(view(429))).toBe("retry");
  });

  it("keeps the status rule otherwise", () => {
    expect(classify(view(429, { "X-Rate-Limit-Requests-Left": "0" }))).toBe("throttled");
    expect(classify(view(503))).toBe("retry");
    expect(classify(view(404))).toBe("fail");
    expect(classify(view(200))).toBe("ok");
  });
});
