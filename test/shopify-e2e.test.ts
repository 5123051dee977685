import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ShopifySandbox, startShopifySandbox } from "../src/sandboxes/shopify/index.ts";
import { type Api, apiFor } from "./helpers/api.ts";
import { createTenant, startTestHub, type TestHub } from "./helpers/hub.ts";
import { until } from "./helpers/until.ts";

/**
 * The product's core promise over real HTTP: two Shopify stores (sandboxes) paired with one hub;
 * an order on store A reaches the hub by webhook and store B's stock follows within seconds.
 */
let hub: TestHub;
let api: Api;
let storeA: ShopifySandbox;
let storeB: ShopifySandbox;
let a: string;
let b: string;

async function runAndWait(connectionId: string, kind: string, full = false) {
  const run = await api.post(`/api/v1/connections/${connectionId}/feeds/${kind}/run`, { full });
  return until(
    `${kind} on ${connectionId}`,
    async () => {
      const r = (await api.get(`/api/v1/feed-runs/${run.body.id}`)).body;
      return ["succeeded", "partial", "failed"].includes(r.status) && r;
    },
    60_000,
  );
}

beforeAll(async () => {
  storeA = await startShopifySandbox({
    seed: 11,
    products: 6,
    orders: 12,
    locations: 1,
    shopName: "Store A",
  });
  storeB = await startShopifySandbox({ seed: 11, products: 6, orders: 0, locations: 1, shopName: "Store B" });
  hub = await startTestHub({ work: true, env: { STOCKWIRE_ALLOW_PRIVATE_URLS: "1" } });
  const url = await hub.app.listen({ port: 0, host: "127.0.0.1" });
  hub.ctx.config.publicUrl = url;
  api = apiFor(hub.app, await createTenant(hub));
}, 60_000);
afterAll(async () => {
  await hub?.close();
  await storeA?.close();
  await storeB?.close();
  // A full suite on a busy cluster can leave a feed run in flight; stopping waits for it (30 s).
}, 120_000);

describe("two Shopify stores on one hub", () => {
  it("pairs with the sandbox credentials and registers webhooks", async () => {
    const bad = await api.post("/api/v1/connections", {
      platform: "shopify",
      name: "Nope",
      credentials: { shopDomain: storeA.url, accessToken: "shpat_wrong", apiSecret: "x" },
    });
    expect(bad.status).toBe(422);
    const resA = await api.post("/api/v1/connections", {
      platform: "shopify",
      name: "Store A",
      credentials: { shopDomain: storeA.url, accessToken: storeA.accessToken, apiSecret: storeA.apiSecret },
      // This test drives each feed itself; onboarding has its own test (shopify-onboarding).
      onboarding: false,
    });
    expect(resA.status).toBe(201);
    expect(resA.body.webhooks.registered).toBe(true);
    expect(JSON.stringify(resA.body)).not.toContain(storeA.accessToken);
    const resB = await api.post("/api/v1/connections", {
      platform: "shopify",
      name: "Store B",
      credentials: { shopDomain: storeB.url, accessToken: "shpat_sandbox", apiSecret: storeB.apiSecret },
      onboarding: false,
    });
    expect(resB.status).toBe(201);
    a = resA.body.id;
    b = resB.body.id;
  });

  it("imports the catalogue, stock and paid orders from store A", async () => {
    const products = await runAndWait(a, "new-products");
    expect(products.status).toBe("succeeded");
    expect(products.counts.new).toBeGreaterThan(5);
    expect((await runAndWait(b, "new-products")).status).toBe("succeeded");
    // orders first, then stock: on-hand = what the store can sell + what the hub holds for open orders
    const orders = await runAndWait(a, "new-orders", true);
    expect(orders.counts.imported).toBeGreaterThan(0);
    expect((await runAndWait(a, "initial-stock")).status).toBe("succeeded");
    const items = (await api.get("/api/v1/products?limit=500")).body.items as {
      sku: string;
      available: number;
    }[];
    for (const p of items) expect(p.available, p.sku).toBe(storeA.control.getInventory(p.sku)!.available);
  });

  it("propagates an order on store A to store B's stock within seconds", async () => {
    await api.post(`/api/v1/connections/${a}/mode`, { mode: "live" });
    await api.post(`/api/v1/connections/${b}/mode`, { mode: "live" });
    const sku = (await api.get("/api/v1/products?limit=2")).body.items[1].sku as string;
    await api.post("/api/v1/stock/adjustments", { sku, set: 40, idempotencyKey: "e2e-set" });
    await until("store B to show 40", () => storeB.control.getInventory(sku)?.available === 40, 30_000);
    await until("store A to show 40", () => storeA.control.getInventory(sku)?.available === 40, 30_000);
    storeA.control.createOrder({ lines: [{ sku, quantity: 3 }] });
    await until(
      "the hub to reserve the order",
      async () => (await api.get(`/api/v1/products/${encodeURIComponent(sku)}`)).body.available === 37,
      30_000,
    );
    await until("store B to follow", () => storeB.control.getInventory(sku)?.available === 37, 30_000);
    expect(storeA.control.getInventory(sku)!.available).toBe(37);
  });

  it("restocks a refund with restock everywhere", async () => {
    const sku = (await api.get("/api/v1/products?limit=2")).body.items[1].sku as string;
    const order = storeA.control.createOrder({ lines: [{ sku, quantity: 2 }] });
    await until("store B at 35", () => storeB.control.getInventory(sku)?.available === 35, 30_000);
    storeA.control.createRefund({ orderId: order.id, lines: [{ sku, quantity: 2, restock: true }] });
    await until("store B back at 37", () => storeB.control.getInventory(sku)?.available === 37, 30_000);
  });

  it("refuses a webhook with a bad signature", async () => {
    const res = await hub.app.inject({
      method: "POST",
      url: `/webhooks/shopify/${a}`,
      headers: {
        "x-shopify-hmac-sha256": "bad",
        "x-shopify-topic": "orders/create",
        "content-type": "application/json",
      },
      payload: "{}",
    });
    expect(res.statusCode).toBe(401);
  });
});
