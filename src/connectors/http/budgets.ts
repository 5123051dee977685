import { type BulkheadPolicy, bulkhead } from "cockatiel";
import { createFixedWindow } from "./fixed-window.ts";
import { createTokenBucket, positive, type RateBudget } from "./rate-budget.ts";

/** Clock injection shared by every factory (milliseconds); defaults to `performance.now()`. */
type Clock = { now?: () => number };

export type ShopifyPlan = "standard" | "advanced" | "plus" | "enterprise";

/**
 * Shopify GraphQL Admin: calculated query cost in a leaky bucket (platform-apis.md §1.3).
 * Restore rates are published: 100 / 200 / 1,000 / 2,000 points per second for Standard (Basic,
 * Shopify), Advanced, Plus and Enterprise. Bucket sizes follow the observed 20 × restore rate:
 * 2,000 and 20,000 are seen in recorded `throttleStatus.maximumAvailable`; 4,000 and 40,000 are derived.
 * The real numbers arrive with every response (`throttleStatus`), so `shopifyGraphqlSignals` corrects these.
 */
const shopifyPlans: Record<ShopifyPlan, { capacity: number; refillPerSecond: number }> = {
  standard: { capacity: 2_000, refillPerSecond: 100 },
  advanced: { capacity: 4_000, refillPerSecond: 200 },
  plus: { capacity: 20_000, refillPerSecond: 1_000 },
  enterprise: { capacity: 40_000, refillPerSecond: 2_000 },
};

/** Shopify refuses any single GraphQL query whose cost exceeds 1,000 points, whatever the plan (§1.3). */
export const SHOPIFY_MAX_QUERY_COST = 1_000;

/** Cost-point bucket for one Shopify shop on the given plan (§1.3 table). */
export function shopifyGraphqlBudget(plan: ShopifyPlan, clock: Clock = {}): RateBudget {
  return createTokenBucket({ ...shopifyPlans[plan], ...clock });
}

/**
 * A per-minute request limit, e.g. QuickBooks Online's 500 requests/minute per realm (§7.5).
 * Intuit does not say whether the minute is fixed or sliding and reports no remaining quota, so the
 * bucket is shaped to stay under the limit in *any* span: a token bucket never spends more than
 * `capacity + rate × T` in T seconds, so with `burst` tokens and `(requestsPerMinute − burst) / 60`
 * per second no 60-second span exceeds the limit. The default burst of 1 paces requests evenly
 * (8.32/s for 500/min), which also keeps QuickBooks' 10 requests/second per realm and app (§7.5).
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
 * A quota of `requests` per fixed window, e.g. BigCommerce: 150 per 30 s on Standard/Plus, 450 per
 * 30 s on Pro, shared by every app on the store (§5.2). The window resets all at once, and the
 * `X-Rate-Limit-Requests-Left` / `X-Rate-Limit-Time-Reset-Ms` headers realign it (`bigCommerceSignals`).
 */
export function windowBudget(options: Clock & { requests: number; windowSeconds: number }): RateBudget {
  return createFixedWindow({
    requests: options.requests,
    windowMs: positive("windowSeconds", options.windowSeconds) * 1000,
    ...(options.now ? { now: options.now } : {}),
  });
}

/**
 * At most `n` requests in flight; the rest queue (unbounded) in arrival order. QuickBooks Online
 * answers 429 beyond 10 concurrent requests per app and realm (§7.5), so share one limit across
 * every client talking to the same realm.
 */
export function concurrencyLimit(n: number): BulkheadPolicy {
  if (!Number.isInteger(n) || n < 1)
    throw new RangeError(`concurrencyLimit must be a positive integer, got ${n}`);
  return bulkhead(n, Number.POSITIVE_INFINITY);
}
