import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { refuseShopifyWebhook, WEBHOOK_MAX_AGE_MS } from "../../src/connectors/shopify/webhooks.ts";
import { queryRows } from "../../src/db/rows.ts";
import { type ShopifySandbox, startShopifySandbox } from "../../src/sandboxes/shopify/index.ts";
import { signShopifyWebhook } from "../../src/sandboxes/shopify/webhooks/sign.ts";
import { apiFor } from "../helpers/api.ts";
import { createTenant, startTestHub, type TestHub } from "../helpers/hub.ts";

const paired = { shopDomain: "corner-shop.myshopify.com", accessToken: "shpat_x", apiSecret: "s" };
const now = new Date("2026-12-07T12:00:00Z");

describe("which signed Shopify deliveries are refused", () => {
  it("refuses another shop's delivery and one without a shop domain", () => {
    const headers = { "x-shopify-shop-domain": "Corner-Shop.myshopify.com" };
    expect(refuseShopifyWebhook(paired, headers, now)).toBeUndefined();
    expect(refuseShopifyWebhook(paired, { "x-shopify-shop-domain": "evil.myshopify.com" }, now)).toMatch(
      /another shop/,
    );
    expect(refuseShopifyWebhook(paired, {}, now)).toMatch(/another shop/);
  });

  it("refuses a delivery stamped outside the retry window, either side", () => {
    const at = (ms: number) => ({
      "x-shopify-shop-domain": paired.shopDomain,
      "x-shopify-triggered-at": new Date(now.getTime() + ms).toISOString(),
    });
    expect(refuseShopifyWebhook(paired, at(-4 * 3600_000), now)).toBeUndefined();
    expect(refuseShopifyWebhook(paired, at(-WEBHOOK_MAX_AGE_MS - 1000), now)).toMatch(/older/);
    expect(refuseShopifyWebhook(paired, at(3600_000), now)).toMatch(/future/);
  });
});

describe("replayed Shopify deliveries over HTTP", () => {
  let hub: TestHub;
  let store: ShopifySandbox;
  let connectionId: string;

  beforeAll(async () => {
    store = await startShopifySandbox({ seed: 7, products: 2, orders: 0, locations: 1 });
    hub = await startTestHub({ env: { STOCKWIRE_ALLOW_PRIVATE_URLS: "1" } });
    const api = apiFor(hub.app, await createTenant(hub));
    const res = await api.post("/api/v1/connections", {
      platform: "shopify",
      name: "Replay shop",
      credentials: { shopDomain: store.url, accessToken: store.accessToken, apiSecret: store.apiSecret },
      onboarding: false,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    connectionId = res.body.id;
  }, 60_000);
  afterAll(async () => {
    await hub?.close();
    await store?.close();
  });

  const inbox = () =>
    queryRows<{ event_id: string }>(
      hub.ctx.db,
      sql`select event_id from webhook_inbox where connection_id = ${connectionId} order by received_at`,
    );

  function deliver(body: string, headers: Record<string, string>) {
    return hub.app.inject({
      method: "POST",
      url: `/webhooks/shopify/${connectionId}`,
      headers: {
        "content-type": "application/json",
        "x-shopify-topic": "orders/updated",
        "x-shopify-hmac-sha256": signShopifyWebhook(body, store.apiSecret),
        "x-shopify-triggered-at": new Date().toISOString(),
        ...headers,
      },
      payload: body,
    });
  }

  it("treats a captured delivery resent under a new event id as a duplicate", async () => {
    const body = JSON.stringify({ id: 9001, updated_at: "2026-12-07T10:00:00Z", line_items: [] });
    const first = await deliver(body, { "x-shopify-event-id": "evt-1" });
    expect(first.json()).toEqual({ received: true, duplicate: false });
    for (const id of ["evt-2", "evt-3"]) {
      const again = await deliver(body, { "x-shopify-event-id": id, "x-shopify-topic": "orders/create" });
      expect(again.statusCode).toBe(200);
      expect(again.json()).toEqual({ received: true, duplicate: true });
    }
    const later = JSON.stringify({ id: 9001, updated_at: "2026-12-07T10:05:00Z", line_items: [] });
    expect((await deliver(later, { "x-shopify-event-id": "evt-4" })).json()).toEqual({
      received: true,
      duplicate: false,
    });
    expect((await inbox()).map((r) => r.event_id)).toEqual(["evt-1", "evt-4"]);
  });

  it("refuses a delivery stamped outside the retry window with 401 and stores nothing", async () => {
    const body = JSON.stringify({ id: 9002, updated_at: "2026-12-01T10:00:00Z", line_items: [] });
    const before = (await inbox()).length;
    const res = await deliver(body, {
      "x-shopify-event-id": "evt-old",
      "x-shopify-triggered-at": new Date(Date.now() - 2 * WEBHOOK_MAX_AGE_MS).toISOString(),
    });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ code: "webhook_refused" });
    expect((await inbox()).length).toBe(before);
  });
});
