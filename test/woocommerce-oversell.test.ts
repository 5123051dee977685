import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startWooCommerceSandbox, type WooCommerceSandbox } from "../src/sandboxes/woocommerce/index.ts";
import { type Api, apiFor } from "./helpers/api.ts";
import { createTenant, startTestHub, type TestHub } from "./helpers/hub.ts";
import { until } from "./helpers/until.ts";

/**
 * WooCommerce has no compare-and-set: a push the hub computed before it imported a WooCommerce
 * order would overwrite the stock that order took. The connector reads the recent orders it has not
 * handed to the hub and keeps their sales in the push (README: the oversell window).
 */
let hub: TestHub;
let api: Api;
let store: WooCommerceSandbox;
let woo: string;

async function control<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${store.url}/_sandbox/${path}`, {
    method,
    ...(body === undefined
      ? {}
      : { headers: { "content-type": "application/json" }, body: JSON.stringify(body) }),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return (res.status === 204 ? undefined : await res.json()) as T;
}
const stockOf = async (sku: string) =>
  (await control<{ stock_quantity: number | null }[]>("GET", `stock?sku=${encodeURIComponent(sku)}`))[0]
    ?.stock_quantity ?? null;
const available = async (sku: string) =>
  (await api.get(`/api/v1/products/${encodeURIComponent(sku)}`)).body.available as number;

async function runAndWait(kind: string, full = false) {
  const run = await api.post(`/api/v1/connections/${woo}/feeds/${kind}/run`, { full });
  return until<{ status: string }>(
    kind,
    async () => {
      const r = (await api.get(`/api/v1/feed-runs/${run.body.id}`)).body;
      return ["succeeded", "partial", "failed"].includes(r.status) && r;
    },
    60_000,
  );
}

beforeAll(async () => {
  store = await startWooCommerceSandbox({ seed: 11, products: 8, orders: 4 });
  hub = await startTestHub({ work: true, env: { STOCKWIRE_ALLOW_PRIVATE_URLS: "1" } });
  hub.ctx.config.publicUrl = await hub.app.listen({ port: 0, host: "127.0.0.1" });
  api = apiFor(hub.app, await createTenant(hub));
  const paired = await api.post("/api/v1/connections", {
    platform: "woocommerce",
    name: "Woo",
    credentials: store.credentials,
    onboarding: false,
  });
  expect(paired.status).toBe(201);
  woo = paired.body.id;
  expect((await runAndWait("new-products")).status).not.toBe("failed");
  expect((await runAndWait("new-orders", true)).status).not.toBe("failed");
  await api.post(`/api/v1/connections/${woo}/mode`, { mode: "live" });
}, 120_000);
afterAll(async () => {
  await hub?.close();
  await store?.close();
}, 120_000);

describe("the WooCommerce oversell window", () => {
  it("keeps a sale the hub has not imported yet when it pushes the same SKU, and counts it once", async () => {
    const items = (await api.get("/api/v1/products?limit=500")).body.items as { sku: string }[];
    let sku = "";
    for (const item of items)
      if ((await stockOf(item.sku)) !== null) {
        sku = item.sku;
        break;
      }
    expect(sku).not.toBe("");
    await api.post("/api/v1/stock/adjustments", { sku, set: 30, idempotencyKey: "oversell-set-30" });
    const first = await available(sku);
    await until("WooCommerce to show the hub's figure", async () => (await stockOf(sku)) === first, 30_000);

    // The order's webhook is lost: the hub learns of the sale only from the next order feed.
    await control("PUT", "webhook-mode", { drop: true });
    await control("POST", "orders", { lines: [{ sku, quantity: 3 }] });
    expect(await stockOf(sku)).toBe(first - 3);
    await api.post("/api/v1/stock/adjustments", { sku, set: 50, idempotencyKey: "oversell-set-50" });
    const hubFigure = await available(sku);
    // A blind push would show the hub's figure: the 3 sold units on offer again.
    await until("the push to keep the sale", async () => (await stockOf(sku)) === hubFigure - 3, 30_000);

    await control("PUT", "webhook-mode", { drop: false });
    expect((await runAndWait("new-orders")).status).not.toBe("failed");
    await until("the hub to count the sale", async () => (await available(sku)) === hubFigure - 3, 30_000);
    // Once imported, the order is the hub's: its figure goes out as it is, the sale not taken twice.
    await api.post("/api/v1/stock/adjustments", { sku, set: 60, idempotencyKey: "oversell-set-60" });
    const after = await available(sku);
    await until(
      "WooCommerce to show the hub's figure again",
      async () => (await stockOf(sku)) === after,
      30_000,
    );
  });
});
