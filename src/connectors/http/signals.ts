import { z } from "zod";
import { type Classify, classifyByStatus, type RateSignals, type ResponseView } from "./classify.ts";

/**
 * Per-platform readers of rate-limit reports (which headers or body fields to trust, when a
 * response is a throttle), interpreted by the one generic client. Connectors pass these as the
 * client's `signals` / `classify` options; a new platform adds its reader here.
 */

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
 * Shopify GraphQL Admin returns `extensions.cost` on every response (§1.3): the bucket's
 * `throttleStatus` replaces the local estimate and `actualQueryCost` refunds the over-estimate.
 * A THROTTLED answer has `actualQueryCost: null` — nothing ran — so only the status applies.
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

function numberHeader(headers: Headers, name: string): number | undefined {
  const value = headers.get(name);
  if (value === null || value.trim() === "") return undefined;
  const n = Number(value);
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}

/**
 * BigCommerce reports its 30-second window on every response (§5.2): `X-Rate-Limit-Requests-Left`,
 * `-Requests-Quota`, `-Time-Window-Ms` and `-Time-Reset-Ms`; on a 429 the client should sleep the reset time.
 */
export function bigCommerceSignals(res: ResponseView): RateSignals | undefined {
  const left = numberHeader(res.headers, "x-rate-limit-requests-left");
  const quota = numberHeader(res.headers, "x-rate-limit-requests-quota");
  const windowMs = numberHeader(res.headers, "x-rate-limit-time-window-ms");
  const resetMs = numberHeader(res.headers, "x-rate-limit-time-reset-ms");
  if (left === undefined) return undefined;
  return {
    status: {
      available: left,
      ...(quota ? { capacity: quota } : {}),
      ...(quota && windowMs ? { refillPerSecond: quota / (windowMs / 1000) } : {}),
      ...(resetMs !== undefined ? { resetInMs: resetMs } : {}),
    },
    ...(res.status === 429 && resetMs !== undefined ? { retryAfterMs: resetMs } : {}),
  };
}

/**
 * A BigCommerce 429 *without* the rate headers is platform-wide load shedding, not our quota:
 * back off exponentially instead of waiting on the window (§5.2).
 */
export const bigCommerceClassify: Classify = (res) =>
  res.status === 429 && !res.headers.has("x-rate-limit-requests-left") ? "retry" : classifyByStatus(res);

/** QuickBooks Online throttles with 429 and asks for 60 seconds, without a `Retry-After` header (§7.5). */
export function quickBooksSignals(res: ResponseView): RateSignals | undefined {
  return res.status === 429 && !res.headers.has("retry-after") ? { retryAfterMs: 60_000 } : undefined;
}
