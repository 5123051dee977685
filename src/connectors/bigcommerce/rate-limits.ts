import {
  type Classify,
  classifyByStatus,
  type RateBudget,
  rateHeaderSignals,
  retryUnreportedThrottle,
  windowBudget,
} from "../http/index.ts";

/**
 * BigCommerce counts requests per store in a fixed 30-second window (150 on Standard and Plus,
 * 450 on Pro; platform-apis.md §5) and reports it on every answer as `X-Rate-Limit-*` headers.
 * A 429 without those headers is load shedding in front of the quota: back off exponentially.
 */
export const BIGCOMMERCE_WINDOW_SECONDS = 30;
export const BIGCOMMERCE_DEFAULT_QUOTA = 150;

const REQUESTS_LEFT = "X-Rate-Limit-Requests-Left";

export function bigCommerceBudget(
  quota = BIGCOMMERCE_DEFAULT_QUOTA,
  clock: { now?: () => number } = {},
): RateBudget {
  return windowBudget({ requests: quota, windowSeconds: BIGCOMMERCE_WINDOW_SECONDS, ...clock });
}

export const bigCommerceSignals = rateHeaderSignals({
  remaining: REQUESTS_LEFT,
  limit: "X-Rate-Limit-Requests-Quota",
  window: "X-Rate-Limit-Time-Window-Ms",
  reset: "X-Rate-Limit-Time-Reset-Ms",
  timeUnit: "ms",
});

export const bigCommerceClassify: Classify = retryUnreportedThrottle(REQUESTS_LEFT, classifyByStatus);
