import { z } from "zod";
import {
  type Classify,
  classifyByStatus,
  costBucket,
  type RateBudget,
  type RateSignals,
  type ResponseView,
} from "../http/index.ts";

/**
 * What Shopify's GraphQL Admin API tells us about its limiter, declared here and interpreted by the
 * shared platform client: a cost-point bucket per plan, the `extensions.cost` reader, and the rule
 * that an HTTP 200 can be a throttle (platform-apis.md §1.3).
 */

export type ShopifyPlan = "standard" | "advanced" | "plus" | "enterprise";

/**
 * Restore rates are published: 100 / 200 / 1,000 / 2,000 points per second for Standard (Basic,
 * Shopify), Advanced, Plus and Enterprise. Bucket sizes follow the observed 20 × restore rate:
 * 2,000 and 20,000 are seen in recorded `throttleStatus.maximumAvailable`; 4,000 and 40,000 are derived.
 * The real numbers arrive with every response, so `shopifyGraphqlSignals` corrects these.
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
export function shopifyGraphqlBudget(plan: ShopifyPlan, clock: { now?: () => number } = {}): RateBudget {
  return costBucket({ ...shopifyPlans[plan], ...clock });
}

const shopifyBody = z.object({
  errors: z.array(z.object({ extensions: z.object({ code: z.string() }).partial().optional() })).optional(),
  extensions: z
    .object({
      cost: z.object({
        actualQueryCost: z.number().nullable().optional(),
        throttleStatus: z.object({
          maximumAvailable: z.number().positive(),
          currentlyAvailable: z.number(),
          restoreRate: z.number().positive(),
        }),
      }),
    })
    .optional(),
});

type ShopifyBody = z.infer<typeof shopifyBody>;

/** classify and signals read the same response; parse its body once. */
const parsedBodies = new WeakMap<ResponseView, ShopifyBody | undefined>();

function shopifyBodyOf(res: ResponseView): ShopifyBody | undefined {
  if (parsedBodies.has(res)) return parsedBodies.get(res);
  let body: ShopifyBody | undefined;
  try {
    const parsed = shopifyBody.safeParse(JSON.parse(res.bodyText));
    body = parsed.success ? parsed.data : undefined;
  } catch {
    body = undefined;
  }
  parsedBodies.set(res, body);
  return body;
}

/**
 * Every response carries `extensions.cost` (§1.3): the bucket's `throttleStatus` replaces the local
 * estimate and `actualQueryCost` refunds the over-estimate. A THROTTLED answer has
 * `actualQueryCost: null` — nothing ran — so only the status applies.
 */
export function shopifyGraphqlSignals(res: ResponseView): RateSignals | undefined {
  const cost = shopifyBodyOf(res)?.extensions?.cost;
  if (!cost) return undefined;
  const { throttleStatus: t, actualQueryCost } = cost;
  return {
    status: { available: t.currentlyAvailable, capacity: t.maximumAvailable, refillPerSecond: t.restoreRate },
    ...(typeof actualQueryCost === "number" ? { actualCost: actualQueryCost } : {}),
  };
}

/**
 * Shopify signals a GraphQL throttle as HTTP 200 with `errors[].extensions.code = "THROTTLED"`
 * (sometimes 429, which the status rule already covers); `MAX_COST_EXCEEDED` will never pass (§1.3).
 */
export const shopifyGraphqlClassify: Classify = (res) => {
  if (res.status === 200) {
    const codes = shopifyBodyOf(res)?.errors?.map((e) => e.extensions?.code) ?? [];
    if (codes.includes("THROTTLED")) return "throttled";
    if (codes.includes("MAX_COST_EXCEEDED")) return "fail";
  }
  return classifyByStatus(res);
};
