import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BigCommerceSandbox, startBigCommerceSandbox } from "../src/sandboxes/bigcommerce/index.ts";
import { type ShopifySandbox, startShopifySandbox } from "../src/sandboxes/shopify/index.ts";
import { startWooCommerceSandbox, type WooCommerceSandbox } from "../src/sandboxes/woocommerce/index.ts";
import type { Api } from "./helpers/api.ts";
import { bcStock, cleanTrackedSkus } from "./helpers/bigcommerce-store.ts";
import { runFeedAndWait, sandboxControl, startChannelHub } from "./helpers/channel-sandbox.ts";
import type { TestHub } from "./helpers/hub.ts";
import { until } from "./helpers/until.ts";

/**
 * One hub, three channels sharing SKUs — WooCommerce, BigCommerce and Shopify sandboxes over real
 * HTTP: an order placed on WooCommerce reaches the hub by webhook, and BigCommerce's and Shopify's
 * stock follow.
 */
let hub: TestHub;
let api: Api;
let woo: WooCommerceSandbox;
let bc: BigCommerceSandbox;
let shop: ShopifySandbox;
const ids: Record<string, string> = {};
let shared: string[] = [];

const wooStock = async (sku: string) => {
  const rows = await sandboxControl<{ manage_stock: boolean; stock_quantity: number | null }[]>(
    woo,
    "GET",
    `stock?sku=${encodeURIComponent(sku)}`,
  );
  return rows.length === 1 && rows[0]!.manage_stock ? rows[0]!.stock_quantity : null;
};
const shopStock = (sku: string) => shop.control.getInventory(sku)?.available;

const runAndWait = (connectionId: string, kind: string) => runFeedAndWait(api, connectionId, kind);

beforeAll(async () => {
  // The kit's generator gives WooCommerce and BigCommerce the same catalogue for one seed.
  woo = await startWooCommerceSandbox({ seed: 31, products: 8, orders: 0 });
  bc = await startBigCommerceSandbox({ seed: 31, products: 8, orders: 0 });
  shop = await startShopifySandbox({ seed: 31, products: 3, orders: 0, locations: 1, shopName: "Shop" });
  for (const sku of cleanTrackedSkus(bc)) if ((await wooStock(sku)) !== null) shared.push(sku);
  shared = shared.slice(0, 2);
  // Shopify's own seed names SKUs differently: give two of its variants the shared SKUs.
  for (const [i, sku] of shared.entries()) {
    const variant = shop.store.variants[i]!;
    shop.store.variantsBySku.delete(variant.sku);
    variant.sku = sku;
    shop.store.variantsBySku.set(sku, variant);
  }
  ({ hub, api } = await startChannelHub());
});
afterAll(async () => {
  await hub?.close();
  await Promise.all([woo?.close(), bc?.close(), shop?.close()]);
});

describe("three channels on one hub", () => {
  it("pairs WooCommerce, BigCommerce and Shopify and links their shared SKUs", async () => {
    expect(shared.length).toBe(2);
    const pairs = {
      woocommerce: woo.credentials,
      bigcommerce: { ...bc.credentials, clientSecret: bc.clientSecret },
      shopify: { shopDomain: shop.url, accessToken: shop.accessToken, apiSecret: shop.apiSecret },
    };
    for (const [platform, credentials] of Object.entries(pairs)) {
      const res = await api.post("/api/v1/connections", {
        platform,
        name: platform,
        credentials,
        onboarding: false,
      });
      expect(res.status, platform).toBe(201);
      expect(res.body.webhooks.registered, platform).toBe(true);
      ids[platform] = res.body.id;
    }
    for (const id of Object.values(ids))
      expect((await runAndWait(id, "new-products")).status).not.toBe("failed");
    for (const id of Object.values(ids)) await api.post(`/api/v1/connections/${id}/mode`, { mode: "live" });
  });

  it("sends an order placed on WooCommerce to BigCommerce's and Shopify's stock by webhook", async () => {
    const sku = shared[0]!;
    await api.post("/api/v1/stock/adjustments", { sku, set: 30, idempotencyKey: "three-set-30" });
    await until(
      "all three at 30",
      async () => (await wooStock(sku)) === 30 && bcStock(bc, sku) === 30 && shopStock(sku) === 30,
      30_000,
    );
    await sandboxControl(woo, "POST", "orders", { lines: [{ sku, quantity: 2 }] });
    await until(
      "the hub to reserve the WooCommerce order",
      async () => (await api.get(`/api/v1/products/${encodeURIComponent(sku)}`)).body.available === 28,
      30_000,
    );
    await until("BigCommerce to follow", () => bcStock(bc, sku) === 28, 30_000);
    await until("Shopify to follow", () => shopStock(sku) === 28, 30_000);
    expect(await wooStock(sku)).toBe(28);
  });
});
