/** The newest Admin API version the sandbox serves (and the one its URLs and webhooks name). */
export const SHOPIFY_API_VERSION = "2026-04";

/**
 * Shopify serves each stable version for at least 12 months, so four side by side; the sandbox
 * answers them all with one schema. Any other version in the URL answers 404.
 */
export const SUPPORTED_API_VERSIONS: readonly string[] = [
  "2025-07",
  "2025-10",
  "2026-01",
  SHOPIFY_API_VERSION,
];

/** Sent when a request reads a deprecated field, as Shopify does (the value is its deprecation docs). */
export const DEPRECATED_REASON_HEADER = "X-Shopify-API-Deprecated-Reason";
export const DEPRECATION_DOCS = "https://shopify.dev/api/usage/versioning#deprecation-practices";

export type ShopifyPlan = "standard" | "advanced" | "plus";

export interface PlanLimits {
  /** Bucket size (`throttleStatus.maximumAvailable`). */
  readonly maximumAvailable: number;
  /** Points restored per second (`throttleStatus.restoreRate`). */
  readonly restoreRate: number;
  readonly displayName: string;
}

/**
 * Restore rates are Shopify's published numbers; bucket sizes are the 20× restore
 * rate seen in recorded live responses (platform-apis.md §1.3, marked [O] there).
 */
export const PLAN_LIMITS: Readonly<Record<ShopifyPlan, PlanLimits>> = {
  standard: { maximumAvailable: 2000, restoreRate: 100, displayName: "Shopify" },
  advanced: { maximumAvailable: 4000, restoreRate: 200, displayName: "Advanced" },
  plus: { maximumAvailable: 20000, restoreRate: 1000, displayName: "Shopify Plus" },
};

/** A single query may never request more than this, whatever the plan. */
export const MAX_SINGLE_QUERY_COST = 1000;

/** `first`/`last` on connections and every input array are capped at this size. */
export const MAX_PAGE_SIZE = 250;
export const MAX_INPUT_ARRAY_SIZE = 250;

export const MUTATION_BASE_COST = 10;

/** Mutations measured on real stores at another cost than the base 10 (issue 19). */
export const MUTATION_COSTS: Readonly<Record<string, number>> = {
  inventorySetQuantities: 11,
  inventoryAdjustQuantities: 11,
  refundCreate: 20,
  fulfillmentTrackingInfoUpdate: 50,
};

/** Always accepted, so scripts and docs can use a fixed token. */
export const FIXED_ACCESS_TOKEN = "shpat_sandbox";

export const RATE_LIMIT_DOCS = "https://shopify.dev/api/usage/rate-limits";
export const ACCESS_DENIED_DOCS = "https://shopify.dev/api/usage/access-scopes";

/** Up to 5 bulk queries may run at once per shop from 2026-01 on. */
export const MAX_CONCURRENT_BULK_QUERIES = 5;

export const INVALID_TOKEN_BODY = {
  errors: "[API] Invalid API key or access token (unrecognized login or wrong password)",
} as const;
