import { createWaitQueue, type Priority } from "./wait-queue.ts";

export type { Priority } from "./wait-queue.ts";

/** What a platform reports about its limiter, used to correct the local model. */
export type BudgetStatus = {
  /** Tokens (cost points, requests) the platform says are left now. */
  available: number;
  capacity?: number;
  refillPerSecond?: number;
  /** Milliseconds until a request window resets (fixed windows); token buckets ignore it. */
  resetInMs?: number;
};

export type BudgetSnapshot = {
  available: number;
  capacity: number;
  refillPerSecond: number;
  waiting: number;
};

/**
 * One connection's share of a platform's published rate limit. Every outbound call takes its cost
 * first; the model is local and per process, and the platform's reported state corrects it.
 */
export type RateBudget = {
  /**
   * Resolves once `cost` tokens are spent for the caller; rejects when `cost` exceeds the capacity,
   * and with `BudgetWaitTooLong` when the wait would exceed `maxWaitMs` (default: wait as needed).
   */
  take(cost: number, priority: Priority, maxWaitMs?: number): Promise<void>;
  /** Refunds `requested − actual` (Shopify debits the requested cost up front, then refunds to actual). */
  settle(requested: number, actual: number): void;
  /** Replaces the local estimate with what the platform reported. */
  observe(status: BudgetStatus): void;
  snapshot(): BudgetSnapshot;
};

export type TokenBucketOptions = {
  capacity: number;
  refillPerSecond: number;
  /** Clock in milliseconds; defaults to `performance.now()` (monotonic). Inject for deterministic tests. */
  now?: () => number;
};

/**
 * A continuously refilling token (leaky) bucket: starts full, holds at most `capacity`, gains
 * `refillPerSecond` per second. Overcharges (actual > requested) leave it negative, which is
 * exactly the debt the platform will make us wait out.
 */
export function createTokenBucket(options: TokenBucketOptions): RateBudget {
  const now = options.now ?? (() => performance.now());
  let capacity = positive("capacity", options.capacity);
  let refillPerSecond = positive("refillPerSecond", options.refillPerSecond);
  let available = capacity;
  let refilledAt = now();

  function refill(): void {
    const at = now();
    available = Math.min(capacity, available + ((at - refilledAt) / 1000) * refillPerSecond);
    refilledAt = at;
  }

  const queue = createWaitQueue({
    capacity: () => capacity,
    available: () => {
      refill();
      return available;
    },
    msUntil: (cost) => {
      refill();
      return ((cost - available) / refillPerSecond) * 1000;
    },
    spend: (cost) => {
      available -= cost;
    },
  });

  return {
    take: queue.take,
    settle(requested, actual) {
      refill();
      available = Math.min(
        capacity,
        available + (nonNegative("requested", requested) - nonNegative("actual", actual)),
      );
      queue.pump();
    },
    observe(status) {
      refill();
      if (status.capacity !== undefined) capacity = positive("capacity", status.capacity);
      if (status.refillPerSecond !== undefined)
        refillPerSecond = positive("refillPerSecond", status.refillPerSecond);
      available = Math.min(capacity, finite("available", status.available));
      queue.pump();
    },
    snapshot() {
      refill();
      return { available, capacity, refillPerSecond, waiting: queue.waiting() };
    },
  };
}

export function positive(name: string, value: number): number {
  if (!Number.isFinite(value) || value <= 0)
    throw new RangeError(`Rate budget ${name} must be > 0, got ${value}`);
  return value;
}

export function nonNegative(name: string, value: number): number {
  if (!Number.isFinite(value) || value < 0)
    throw new RangeError(`Rate budget ${name} must be ≥ 0, got ${value}`);
  return value;
}

function finite(name: string, value: number): number {
  if (!Number.isFinite(value))
    throw new RangeError(`Rate budget ${name} must be a finite number, got ${value}`);
  return value;
}
