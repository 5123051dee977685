import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startWooCommerceSandbox, type WooCommerceSandbox } from "../src/sandboxes/woocommerce/index.ts";
import type { Api } from "./helpers/api.ts";
import { runFeedAndWait, sandboxControl, startChannelHub } from "./helpers/channel-sandbox.ts";
import type { TestHub } from "./helpers/hub.ts";
import { until } from "./helpers/until.ts";

/**
 * WooCommerce end to end over real HTTP: the sandbox on 127.0.0.1 (plain http, so the connector
 * signs with one-legged OAuth 1.0a), paired with a hub through the API; feeds, webhooks, gaps.
 */
let hub: TestHub;
let api: Api;
let store: WooCommerceSandbox;
let woo: string;
/** A tracked SKU the live-mode tests move. */
let liveSku = "";

type Hook = { id: number; topic: string; status: string; secret: string };
const control = <T>(method: string, path: string, body?: unknown) =>
  sandboxControl<T>(store, method, path, body);
const hooks = () => control<Hook[]>("GET", "webhooks");
const stockOf = async (sku: string) =>
  (await control<{ stock_quantity: number | null }[]>("GET", `stock?sku=${encodeURIComponent(sku)}`))[0]
    ?.stock_quantity ?? null;

const runAndWait = (kind: string, full = false) => runFeedAndWait(api, woo, kind, full);

beforeAll(async () => {
  store = await startWooCommerceSandbox({ seed: 5, products: 12, orders: 10 });
  ({ hub, api } = await startChannelHub());
});
afterAll(async () => {
  await hub?.close();
  await store?.close();
});

describe("a WooCommerce store on the hub", () => {
  it("refuses wrong keys with 422 naming them, pairs with the sandbox's credentials and creates webhooks", async () => {
    const bad = await api.post("/api/v1/connections", {
      platform: "woocommerce",
      name: "Nope",
      credentials: { ...store.credentials, consumerSecret: "cs_wrong" },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.detail).toContain("consumerKey / consumerSecret");
    const res = await api.post("/api/v1/connections", {
      platform: "woocommerce",
      name: "Woo",
      credentials: store.credentials,
      onboarding: false,
    });
    expect(res.status).toBe(201);
    expect(res.body.webhooks.registered).toBe(true);
    woo = res.body.id;
    const created = await hooks();
    expect(created.map((h) => h.topic).sort()).toEqual(["order.created", "order.updated", "product.updated"]);
    expect(created.every((h) => h.status === "active" && h.secret.length > 20)).toBe(true);
  });

  it("imports products (gaps logged, untracked types left out), orders and initial stock", async () => {
    const products = await runAndWait("new-products");
    expect(products.status).not.toBe("failed");
    expect(products.counts.new).toBeGreaterThan(5);
    // Each realistic gap the seed placed gives its own line, and the run still imports the rest.
    const codes = products.messages.map((m) => m.code);
    if (store.seeded.gaps.missing_sku?.length) expect(codes).toContain("missing_sku");
    if (store.seeded.gaps.duplicate_sku?.length) expect(codes).toContain("duplicate_sku");
    const orders = await runAndWait("new-orders", true);
    expect(orders.status).not.toBe("failed");
    expect(orders.counts.imported).toBeGreaterThan(0);
    expect((await runAndWait("initial-stock")).status).not.toBe("failed");
  });

  it("takes an order placed on WooCommerce by webhook and pushes stock back through the batch endpoints", async () => {
    await api.post(`/api/v1/connections/${woo}/mode`, { mode: "live" });
    const items = (await api.get("/api/v1/products?limit=500")).body.items as { sku: string }[];
    let sku = "";
    for (const item of items)
      if ((await stockOf(item.sku)) !== null) {
        sku = item.sku;
        break;
      }
    expect(sku).not.toBe("");
    await api.post("/api/v1/stock/adjustments", { sku, set: 30, idempotencyKey: "woo-e2e-set" });
    await until("WooCommerce to show 30", async () => (await stockOf(sku)) === 30, 30_000);
    await control("POST", "orders", { lines: [{ sku, quantity: 2 }] });
    await until(
      "the hub to reserve the order",
      async () => (await api.get(`/api/v1/products/${encodeURIComponent(sku)}`)).body.available === 28,
      30_000,
    );
    liveSku = sku;
    const writes = await control<unknown>("GET", "writes");
    expect(JSON.stringify(writes)).toMatch(/products\/(\d+\/variations\/)?batch/);
  });

  it("applies duplicate and out-of-order webhook deliveries once", async () => {
    const available = async () =>
      (await api.get(`/api/v1/products/${encodeURIComponent(liveSku)}`)).body.available as number;
    const before = await available();
    await control("PUT", "webhook-mode", { duplicate: true, outOfOrder: true });
    const order = await control<{ id: number }>("POST", "orders", { lines: [{ sku: liveSku, quantity: 1 }] });
    await control("PUT", `orders/${order.id}/status`, { status: "completed" });
    await control("POST", "webhooks/wait");
    await until("the hub to reserve the order once", async () => (await available()) === before - 1, 30_000);
    const deliveries = await control<{ duplicate: boolean }[]>("GET", "deliveries?topic=order.created");
    expect(deliveries.some((d) => d.duplicate)).toBe(true);
    await control("PUT", "webhook-mode", { duplicate: false, outOfOrder: false });
    await until(
      "the hub to settle",
      async () => (await api.get(`/api/v1/connections/${woo}`)).status === 200,
    );
    expect(await available()).toBe(before - 1);
  });

  it("answers the form-encoded ping 200 and a bad signature 401, storing neither", async () => {
    const ping = await hub.app.inject({
      method: "POST",
      url: `/webhooks/woocommerce/${woo}`,
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: "webhook_id=42",
    });
    expect(ping.statusCode).toBe(200);
    expect(ping.json()).toMatchObject({ stored: false });
    const bad = await hub.app.inject({
      method: "POST",
      url: `/webhooks/woocommerce/${woo}`,
      headers: {
        "x-wc-webhook-signature": "bad",
        "x-wc-webhook-topic": "order.created",
        "content-type": "application/json",
      },
      payload: '{"id":1}',
    });
    expect(bad.statusCode).toBe(401);
  });

  it("re-enables, at the stock check, a webhook WooCommerce disabled after failed deliveries", async () => {
    const [hook] = await hooks();
    if (!hook) throw new Error("no webhook to disable");
    const put = await fetch(`${store.url}/wp-json/wc/v3/webhooks/${hook.id}`, {
      method: "PUT",
      headers: {
        "content-type": "application/json",
        "x-forwarded-proto": "https",
        authorization: `Basic ${Buffer.from(`${store.consumerKey}:${store.consumerSecret}`).toString("base64")}`,
      },
      body: JSON.stringify({ status: "disabled" }),
    });
    expect(put.status).toBe(200);
    expect((await hooks()).find((h) => h.id === hook.id)?.status).toBe("disabled");
    expect((await runAndWait("stock-check")).status).not.toBe("failed");
    expect((await hooks()).find((h) => h.id === hook.id)?.status).toBe("active");
  });
});
