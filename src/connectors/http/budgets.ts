import { type BulkheadPolicy, bulkhead } from "cockatiel";
import { createFixedWindow } from "./fixed-window.ts";
import { createTokenBucket, positive, type RateBudget } from "./rate-budget.ts";

/** Clock injection shared by every factory (milliseconds); defaults to `performance.now()`. */
type Clock = { now?: () => number };

/**
 * A cost-based bucket: each call spends its estimated cost in points, the bucket refills
 * continuously, and the platform's report of what the call really cost refunds the difference
 * (`settle`) while its reported bucket state replaces the local one (`observe`).
 */
export function costBucket(options: Clock & { capacity: number; refillPerSecond: number }): RateBudget {
  return createTokenBucket({
    capacity: options.capacity,
    refillPerSecond: options.refillPerSecond,
    ...(options.now ? { now: options.now } : {}),
  });
}

/**
 * A request-count leaky bucket: up to `requests` calls at once, draining at `leakPerSecond`
 * (a bucket of 40 leaking 2 per second, say). Every call costs 1.
 */
export function leakyBucket(options: Clock & { requests: number; leakPerSecond: number }): RateBudget {
  return createTokenBucket({
    capacity: options.requests,
    refillPerSecond: options.leakPerSecond,
    ...(options.now ? { now: options.now } : {}),
  });
}

/**
 * A per-minute request limit for a platform that says neither whether the minute is fixed or
 * sliding nor how much is left, so the bucket is shaped to stay under the limit in *any* span: a token bucket never spends more than
 * `capacity + rate × T` in T seconds, so with `burst` tokens and `(requestsPerMinute − burst) / 60`
 * per second no 60-second span exceeds the limit. The default burst of 1 paces requests evenly
 * (8.32/s for 500/min), which also keeps any per-second cap above that pace.
 */
export function perMinuteBudget(
  requestsPerMinute: number,
  options: Clock & { burst?: number } = {},
): RateBudget {
  positive("requestsPerMinute", requestsPerMinute);
  const burst = options.burst ?? 1;
  if (burst >= requestsPerMinute)
    throw new RangeError("perMinuteBudget burst must be below requestsPerMinute");
  return createTokenBucket({
    capacity: burst,
    refillPerSecond: (requestsPerMinute - burst) / 60,
    ...(options.now ? { now: options.now } : {}),
  });
}

/**
 * A quota of `requests` per fixed window that resets all at once (150 per 30 s, say). A platform
 * that reports what is left and when the window resets realigns it through `rateHeaderSignals`.
 */
export function windowBudget(options: Clock & { requests: number; windowSeconds: number }): RateBudget {
  return createFixedWindow({
    requests: options.requests,
    windowMs: positive("windowSeconds", options.windowSeconds) * 1000,
    ...(options.now ? { now: options.now } : {}),
  });
}

/**
 * A hard per-second quota: `requests` calls in each one-second window, reset all at once. For
 * platforms that cap calls per second rather than per minute; a quota over a longer window whose
 * reset is reported in seconds (`X-Rate-Limit-Reset`) is a `windowBudget` read by
 * `rateHeaderSignals` with `resetUnit: "s"`.
 */
export function perSecondQuota(options: Clock & { requests: number }): RateBudget {
  return createFixedWindow({
    requests: options.requests,
    windowMs: 1000,
    ...(options.now ? { now: options.now } : {}),
  });
}

/**
 * At most `n` requests in flight; the rest queue (unbounded) in arrival order. Share one limit
 * across every client talking to the same account when the platform counts concurrency per account.
 */
export function concurrencyLimit(n: number): BulkheadPolicy {
  if (!Number.isInteger(n) || n < 1)
    throw new RangeError(`concurrencyLimit must be a positive integer, got ${n}`);
  return bulkhead(n, Number.POSITIVE_INFINITY);
}
