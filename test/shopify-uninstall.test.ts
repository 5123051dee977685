import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ShopifySandbox, startShopifySandbox } from "../src/sandboxes/shopify/index.ts";
import { type Api, apiFor } from "./helpers/api.ts";
import { createTenant, startTestHub, type TestHub } from "./helpers/hub.ts";
import { until } from "./helpers/until.ts";

/**
 * What a connection shows when the platform stops listening or lets the hub go (issue 19 items 7
 * and 8): webhooks that could not be registered, registered later; an app the merchant uninstalled.
 */
let hub: TestHub;
let api: Api;
let shop: ShopifySandbox;
let id: string;

beforeAll(async () => {
  shop = await startShopifySandbox({ seed: 5, products: 4, orders: 0, locations: 1 });
  hub = await startTestHub({ work: true, env: { STOCKWIRE_ALLOW_PRIVATE_URLS: "1" } });
  const url = await hub.app.listen({ port: 0, host: "127.0.0.1" });
  hub.ctx.config.publicUrl = url;
  api = apiFor(hub.app, await createTenant(hub));
  const paired = await api.post("/api/v1/connections", {
    platform: "shopify",
    name: "Shop",
    credentials: { shopDomain: shop.url, accessToken: shop.accessToken, apiSecret: shop.apiSecret },
    onboarding: false,
  });
  expect(paired.status).toBe(201);
  expect(paired.body).toMatchObject({ status: "connected", webhooks: { registered: true } });
  id = paired.body.id;
}, 60_000);
afterAll(async () => {
  await hub?.close();
  await shop?.close();
}, 120_000);

describe("Shopify connection: webhooks and uninstall", () => {
  it("shows webhooks not registered while registration fails, and clears it once it succeeds", async () => {
    shop.control.revokeAccessToken(shop.accessToken);
    const refused = await api.post(`/api/v1/connections/${id}/webhooks`);
    expect(refused.status).toBe(200);
    expect(refused.body.registered).toBe(false);
    expect((await api.get(`/api/v1/connections/${id}`)).body.webhooks).toMatchObject({
      registered: false,
      error: expect.stringContaining("webhooks not registered — only scheduled feeds run"),
    });
    shop.control.reset();
    const again = await api.post(`/api/v1/connections/${id}/webhooks`);
    expect(again.body).toMatchObject({
      registered: true,
      topics: expect.arrayContaining(["app/uninstalled"]),
    });
    expect((await api.get(`/api/v1/connections/${id}`)).body.webhooks).toBeUndefined();
  });

  it("goes disconnected with one notification when the merchant uninstalls the app", async () => {
    shop.control.uninstallApp();
    await shop.control.waitForWebhooks();
    const connection = await until(
      "connection disconnected",
      async () => {
        const body = (await api.get(`/api/v1/connections/${id}`)).body;
        return body.status === "disconnected" && body;
      },
      30_000,
    );
    expect(connection.disconnectedReason).toMatch(/uninstalled/);
    const notifications = await until(
      "disconnected notification",
      async () => {
        const items = (await api.get("/api/v1/notifications?type=connection_disconnected")).body.items;
        return items.length > 0 && items;
      },
      30_000,
    );
    expect(notifications).toHaveLength(1);
    expect(notifications[0].title).toBe('"Shop" is disconnected');
  });

  it("connects again when new credentials are accepted", async () => {
    shop.control.reset();
    const updated = await api.patch(`/api/v1/connections/${id}`, {
      credentials: { shopDomain: shop.url, accessToken: shop.accessToken, apiSecret: shop.apiSecret },
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ status: "connected", disconnectedAt: null });
  });
});
