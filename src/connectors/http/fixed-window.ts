import { nonNegative, positive, type RateBudget } from "./rate-budget.ts";
import { createWaitQueue } from "./wait-queue.ts";

export type FixedWindowOptions = {
  /** Requests allowed per window. */
  requests: number;
  windowMs: number;
  /** Clock in milliseconds; defaults to `performance.now()`. Inject for deterministic tests. */
  now?: () => number;
};

/**
 * A quota that resets all at once at the end of each window (N requests per 30 s, say).
 * A token bucket cannot say "nothing left until the reset, then the whole quota", which is what the
 * platform's `Requests-Left` + `Time-Reset-Ms` headers describe; `observe` realigns the window on them.
 */
export function createFixedWindow(options: FixedWindowOptions): RateBudget {
  const now = options.now ?? (() => performance.now());
  let capacity = positive("requests", options.requests);
  let windowMs = positive("windowMs", options.windowMs);
  let available = capacity;
  let windowEnd = now() + windowMs;

  function roll(): number {
    const at = now();
    if (at >= windowEnd) {
      windowEnd += (Math.floor((at - windowEnd) / windowMs) + 1) * windowMs;
      available = capacity;
    }
    return at;
  }

  const queue = createWaitQueue({
    capacity: () => capacity,
    available: () => {
      roll();
      return available;
    },
    msUntil: (cost) => {
      const at = roll();
      return available >= cost ? 0 : windowEnd - at;
    },
    spend: (cost) => {
      available -= cost;
    },
  });

  return {
    take: queue.take,
    settle(requested, actual) {
      roll();
      available = Math.min(
        capacity,
        available + (nonNegative("requested", requested) - nonNegative("actual", actual)),
      );
      queue.pump();
    },
    observe(status) {
      const at = roll();
      if (status.capacity !== undefined) capacity = positive("capacity", status.capacity);
      if (status.refillPerSecond !== undefined) {
        windowMs = (capacity / positive("refillPerSecond", status.refillPerSecond)) * 1000;
      }
      if (status.resetInMs !== undefined) windowEnd = at + nonNegative("resetInMs", status.resetInMs);
      available = Math.min(capacity, status.available);
      queue.pump();
    },
    snapshot() {
      roll();
      return { available, capacity, refillPerSecond: capacity / (windowMs / 1000), waiting: queue.waiting() };
    },
  };
}
