import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BigCommerceSandbox, startBigCommerceSandbox } from "../src/sandboxes/bigcommerce/index.ts";
import type { Api } from "./helpers/api.ts";
import { bcStock, cleanTrackedSkus, placeBcOrder } from "./helpers/bigcommerce-store.ts";
import { runFeedAndWait, sandboxControl, startChannelHub } from "./helpers/channel-sandbox.ts";
import type { TestHub } from "./helpers/hub.ts";
import { until } from "./helpers/until.ts";

/**
 * BigCommerce's absolute adjustments have no compare-and-set: a push the hub computed before it
 * imported a BigCommerce order would overwrite the stock that order took. The connector reads the
 * recent orders it has not handed to the hub and keeps their sales in the push (README: the
 * oversell window), as the WooCommerce connector does.
 */
let hub: TestHub;
let api: Api;
let store: BigCommerceSandbox;
let id: string;

const available = async (sku: string) =>
  (await api.get(`/api/v1/products/${encodeURIComponent(sku)}`)).body.available as number;

beforeAll(async () => {
  store = await startBigCommerceSandbox({ seed: 23, products: 8, orders: 4 });
  ({ hub, api } = await startChannelHub());
  const paired = await api.post("/api/v1/connections", {
    platform: "bigcommerce",
    name: "BC",
    credentials: store.credentials,
    onboarding: false,
  });
  expect(paired.status).toBe(201);
  id = paired.body.id;
  expect((await runFeedAndWait(api, id, "new-products")).status).not.toBe("failed");
  expect((await runFeedAndWait(api, id, "new-orders", true)).status).not.toBe("failed");
  expect((await runFeedAndWait(api, id, "initial-stock")).status).toBe("succeeded");
  await api.post(`/api/v1/connections/${id}/mode`, { mode: "live" });
}, 120_000);
afterAll(async () => {
  await hub?.close();
  await store?.close();
}, 120_000);

describe("the BigCommerce oversell window", () => {
  it("keeps a sale the hub has not imported yet when it pushes the same SKU, and counts it once", async () => {
    // A SKU stocked at the default location only, so the hub's figure is that location's.
    const sku = cleanTrackedSkus(store).find((s) => store.store.itemsBySku(s)[0]?.stock.size === 1);
    expect(sku).toBeDefined();
    if (!sku) return;
    await api.post("/api/v1/stock/adjustments", { sku, set: 30, idempotencyKey: "bc-oversell-30" });
    const first = await available(sku);
    await until("BigCommerce to show the hub's figure", () => bcStock(store, sku) === first, 30_000);

    // The order's webhook is lost: the hub learns of the sale only from the next order feed.
    await sandboxControl(store, "PUT", "webhook-mode", { drop: true });
    await placeBcOrder(store, [{ sku, quantity: 3 }]);
    expect(bcStock(store, sku)).toBe(first - 3);
    await api.post("/api/v1/stock/adjustments", { sku, set: 50, idempotencyKey: "bc-oversell-50" });
    const hubFigure = await available(sku);
    // A blind push would show the hub's figure: the 3 sold units on offer again.
    await until("the push to keep the sale", () => bcStock(store, sku) === hubFigure - 3, 30_000);

    await sandboxControl(store, "PUT", "webhook-mode", { drop: false });
    expect((await runFeedAndWait(api, id, "new-orders")).status).not.toBe("failed");
    await until("the hub to count the sale", async () => (await available(sku)) === hubFigure - 3, 30_000);
    // Once imported, the order is the hub's: its figure goes out as it is, the sale not taken twice.
    await api.post("/api/v1/stock/adjustments", { sku, set: 60, idempotencyKey: "bc-oversell-60" });
    const after = await available(sku);
    await until("BigCommerce to show the hub's figure again", () => bcStock(store, sku) === after, 30_000);
  });
});
