import { observeAvailable } from "../../bench/observe.ts";
import { type ShopifySandbox, startShopifySandbox } from "../../src/sandboxes/shopify/index.ts";
import type { Api } from "./api.ts";
import { until } from "./until.ts";

export { until };

/** Every measured SKU starts here on every store; one order of one unit leaves START − 1. */
export const START = 1000;

export const credentialsOf = (s: ShopifySandbox) => ({
  shopDomain: s.url,
  accessToken: s.accessToken,
  apiSecret: s.apiSecret,
});

/** Pairs a sandbox store through the API as a bare connection and reads its catalogue. */
export async function pairStore(api: Api, store: ShopifySandbox, name: string): Promise<string> {
  const res = await api.post("/api/v1/connections", {
    platform: "shopify",
    name,
    credentials: credentialsOf(store),
    onboarding: false,
  });
  if (res.status !== 201) throw new Error(`pairing ${name} failed: ${JSON.stringify(res.body)}`);
  await runAndWait(api, res.body.id, "new-products");
  return res.body.id;
}

export async function runAndWait(api: Api, connectionId: string, kind: string, full = false) {
  const run = await api.post(`/api/v1/connections/${connectionId}/feeds/${kind}/run`, { full });
  return until(
    `${kind} on ${connectionId}`,
    async () => {
      const r = (await api.get(`/api/v1/feed-runs/${run.body.id}`)).body;
      return ["succeeded", "partial", "failed"].includes(r.status) && r;
    },
    120_000,
  );
}

/** Stores seeded alike list the same SKUs; this one takes the quiet store's orders. */
export function sameShape(name: string, products: number) {
  return startShopifySandbox({ seed: 17, products, orders: 0, locations: 1, shopName: name });
}

/**
 * Places one order a second on `from` for each SKU and records when `to` shows the new quantity.
 * Returns the latencies in ms (missing orders are left out) and how many never arrived.
 */
export async function orderStream(
  from: ShopifySandbox,
  to: ShopifySandbox,
  skus: string[],
  options: { perSecond?: number; waitMs?: number; during?: (i: number) => Promise<void> | void } = {},
): Promise<{ latencies: number[]; missing: number }> {
  const perSecond = options.perSecond ?? 1;
  const placedAt = new Map<string, number>();
  const seenAt = new Map<string, number>();
  const stop = observeAvailable(to, (sku, available, at) => {
    if (available === START - 1 && placedAt.has(sku) && !seenAt.has(sku)) seenAt.set(sku, at);
  });
  try {
    const t0 = performance.now();
    for (const [i, sku] of skus.entries()) {
      const wait = t0 + (i * 1000) / perSecond - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      placedAt.set(sku, performance.now());
      from.control.createOrder({ lines: [{ sku, quantity: 1 }] });
      await options.during?.(i);
    }
    const deadline = Date.now() + (options.waitMs ?? 30_000);
    while (Date.now() < deadline && !skus.every((s) => seenAt.has(s))) {
      await new Promise((r) => setTimeout(r, 50));
    }
  } finally {
    stop();
  }
  const latencies = skus
    .filter((s) => seenAt.has(s))
    .map((s) => seenAt.get(s)! - placedAt.get(s)!)
    .sort((a, b) => a - b);
  return { latencies, missing: skus.length - latencies.length };
}

export function p95(sorted: number[]): number {
  return sorted[Math.max(0, Math.ceil(0.95 * sorted.length) - 1)] ?? Number.POSITIVE_INFINITY;
}
