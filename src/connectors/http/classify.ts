import type { BudgetStatus } from "./rate-budget.ts";

/** What the client sees of a response before deciding what to do with it. */
export type ResponseView = { status: number; headers: Headers; bodyText: string };

/**
 * - `ok`: hand the response to the caller (including 3xx: redirects are not followed, see README).
 * - `retry`: a transient failure; back off exponentially and try again, counting against `maxAttempts`.
 * - `throttled`: the platform's limiter said no; wait for the budget (or `Retry-After`) and try again.
 * - `fail`: permanent; throw at once.
 */
export type Verdict = "ok" | "retry" | "throttled" | "fail";

export type Classify = (res: ResponseView) => Verdict;

/**
 * Rate-limit facts a platform reports on a response, read by a per-platform function
 * (`rateHeaderSignals`, or a reader in the platform's folder) and applied by the one generic client.
 */
export type RateSignals = {
  /** The platform's view of the limiter; replaces the local estimate. */
  status?: BudgetStatus;
  /** What the call really cost (Shopify `actualQueryCost`); the difference is refunded. */
  actualCost?: number;
  /** How long the platform asked us to wait, when it says so outside `Retry-After`. */
  retryAfterMs?: number;
};

export type ReadSignals = (res: ResponseView) => RateSignals | undefined;

/**
 * The default verdict from the status alone: 429 is a throttle; 408 and 5xx are transient; every
 * other 4xx (409 included: only the caller knows whether its conflict is worth repeating) is final.
 */
export function classifyByStatus(res: ResponseView): Verdict {
  if (res.status === 429) return "throttled";
  if (res.status === 408 || res.status >= 500) return "retry";
  if (res.status >= 400) return "fail";
  return "ok";
}
