export {
  concurrencyLimit,
  costBucket,
  leakyBucket,
  perMinuteBudget,
  perSecondQuota,
  windowBudget,
} from "./budgets.ts";
export {
  type Classify,
  classifyByStatus,
  type RateSignals,
  type ReadSignals,
  type ResponseView,
  type Verdict,
} from "./classify.ts";
export { type FetchLikeInit, platformFetch } from "./fetch-adapter.ts";
export { createFixedWindow, type FixedWindowOptions } from "./fixed-window.ts";
export { oauth1SignedUrl } from "./oauth1.ts";
export {
  type ClientStats,
  createPlatformClient,
  type PlatformClient,
  type PlatformClientOptions,
  type PlatformRequest,
  type PlatformResponse,
} from "./platform-client.ts";
export { PlatformDeferred, PlatformError, type PlatformErrorInit } from "./platform-error.ts";
export {
  type BudgetSnapshot,
  type BudgetStatus,
  createTokenBucket,
  type Priority,
  type RateBudget,
  type TokenBucketOptions,
} from "./rate-budget.ts";
export { type RateHeaderSpec, rateHeaderSignals, retryUnreportedThrottle } from "./rate-headers.ts";
export { redactSecrets } from "./redact.ts";
export type { RetryOptions } from "./retry-schedule.ts";
export {
  headerValue,
  hmacSha256,
  type SignatureEncoding,
  signatureMatches,
  verifyBodyHmac,
} from "./signatures.ts";
export {
  STANDARD_WEBHOOK_TOLERANCE_MS,
  standardWebhookMatches,
  standardWebhookTimestampRefusal,
} from "./standard-webhooks.ts";
export { checkPlatformUrl } from "./url-guard.ts";
export { currentWaitLimit, withWaitLimit } from "./wait-limit.ts";
