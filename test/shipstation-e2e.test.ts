import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hookToken } from "../src/connectors/shipstation/index.ts";
import { queryRows } from "../src/db/rows.ts";
import { type ShipStationSandbox, startShipStationSandbox } from "../src/sandboxes/shipstation/index.ts";
import type { Api } from "./helpers/api.ts";
import { runFeedAndWait, sandboxControl, startChannelHub } from "./helpers/channel-sandbox.ts";
import type { TestHub } from "./helpers/hub.ts";
import { until } from "./helpers/until.ts";

/**
 * A ShipStation account with five sub-stores (sandbox on 127.0.0.1) paired with a hub over real
 * HTTP: pairing, the order feed keeping each order's sub-store, the 40-request window exhausted
 * (the run defers and imports everything after the reset), a label bought in ShipStation reaching
 * the hub order by SHIP_NOTIFY, the hub's own shipment sent back as markasshipped, and webhooks
 * without the token or naming another host refused.
 */
let hub: TestHub;
let api: Api;
let ss: ShipStationSandbox;
let id: string;
/** SKUs the hub took at import (the seed's gaps — no SKU, a control character — it refuses). */
let known: Set<string>;

type HubOrder = {
  id: string;
  orderNumber: string;
  status: string;
  shipments?: { trackingNumber: string | null }[];
};

const hubOrder = async (orderNumber: string): Promise<HubOrder | undefined> => {
  const list = (await api.get(`/api/v1/orders?q=${encodeURIComponent(orderNumber)}`)).body
    .items as HubOrder[];
  const found = list.find((o) => o.orderNumber === orderNumber);
  return found ? ((await api.get(`/api/v1/orders/${found.id}`)).body as HubOrder) : undefined;
};
const ssOrder = (orderId: number) => ss.state.store.orders.get(orderId)!;
const paidOrders = () =>
  [...ss.state.store.orders.values()].filter((o) =>
    ["awaiting_shipment", "pending_fulfillment", "shipped", "on_hold"].includes(o.status),
  );
const place = async (sku: string, storeId: number) =>
  sandboxControl<{ orderId: number; orderNumber: string }>(ss, "POST", "orders", {
    lines: [{ sku, quantity: 1 }],
    storeId,
  });
const webhook = (query: string, body: unknown) =>
  hub.app.inject({
    method: "POST",
    url: `/webhooks/shipstation/${id}${query}`,
    headers: { "content-type": "application/json" },
    payload: JSON.stringify(body),
  });

beforeAll(async () => {
  ss = await startShipStationSandbox({
    seed: 21,
    products: 8,
    orders: 40,
    stores: 5,
    webhookRetryDelaysMs: [200],
  });
  ({ hub, api } = await startChannelHub());
  // ShipStation holds no catalogue for the hub: the products come from elsewhere (here, an import).
  const skus = [...new Set([...ss.state.store.items.values()].map((i) => i.sku.trim()).filter(Boolean))];
  const imported = await api.post("/api/v1/products/import", {
    products: skus.map((sku) => ({ sku, name: sku, quantity: 100 })),
  });
  expect(imported.status).toBe(200);
  const refused = new Set((imported.body.rejected as { row: number }[]).map((r) => skus[r.row]));
  known = new Set(skus.filter((sku) => !refused.has(sku)));
}, 120_000);
afterAll(async () => {
  // A run may still be waiting out ShipStation's window in a worker (the tests spend it). Closing
  // then ends the pool under pg-boss's unawaited outcome write, an unhandled rejection; so the hub
  // closes once no run of this connection is queued or running.
  if (api && id) {
    await until(
      "the connection's runs to finish",
      async () =>
        (
          (await api.get(`/api/v1/feed-runs?connectionId=${id}&limit=100`)).body.items as { status: string }[]
        ).every((r) => r.status !== "running" && r.status !== "queued"),
      120_000,
      200,
    );
  }
  await hub?.close();
  await ss?.close();
}, 180_000);

describe("a ShipStation account on a hub", () => {
  it("pairs with the sandbox's credentials, lists its sub-stores and subscribes with a token", async () => {
    const bad = await api.post("/api/v1/connections", {
      platform: "shipstation",
      name: "Nope",
      credentials: { ...ss.credentials, apiSecret: "wrong" },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.detail).toMatch(/API key and secret/);
    const res = await api.post("/api/v1/connections", {
      platform: "shipstation",
      name: "ShipStation",
      credentials: ss.credentials,
      onboarding: false,
    });
    expect(res.status).toBe(201);
    expect(JSON.stringify(res.body)).not.toContain(ss.credentials.apiSecret);
    expect(res.body.webhooks.registered).toBe(true);
    id = res.body.id;
    for (const s of ss.state.subStores)
      expect(res.body.label ?? JSON.stringify(res.body)).toContain(s.storeName);
    const hooks = [...ss.state.store.subscriptions.values()];
    expect(hooks.map((h) => h.topic).sort()).toEqual(["ORDER_NOTIFY", "SHIP_NOTIFY"]);
    expect(hooks[0]!.url).toMatch(/\?token=[0-9a-f]{64}$/);
    const platform = (await api.get("/api/v1/platforms")).body.items.find(
      (p: { platform: string }) => p.platform === "shipstation",
    );
    expect(platform.credentialsSchema.properties.apiSecret.format).toBe("password");
  });

  it("imports paid orders from all five sub-stores, the window exhausted on the way", async () => {
    // Another client of the same key spends the window: the feed meets a 429 and waits for the reset.
    await sandboxControl(ss, "PUT", "rate-limit", { limit: 40, windowMs: 15_000 });
    const auth = `Basic ${Buffer.from(`${ss.credentials.apiKey}:${ss.credentials.apiSecret}`).toString("base64")}`;
    let status = 200;
    while (status !== 429)
      status = (await fetch(`${ss.url}/stores`, { headers: { authorization: auth } })).status;
    const refusedBefore = ss.rate.throttled;
    const run = await runFeedAndWait(api, id, "new-orders", true);
    expect(ss.rate.throttled).toBeGreaterThan(refusedBefore);
    // Orders whose SKUs the hub lacks are reported (the seed's gaps); every other paid order came in.
    expect(run.status).toBe("partial");
    const importable = paidOrders().filter((o) => o.lines.every((l) => known.has(l.sku.trim())));
    expect(new Set(importable.map((o) => ss.state.storeOf.get(o.id))).size).toBe(5);
    expect(run.counts.imported).toBe(importable.length);
    for (const o of importable) {
      const number = String(o.id - 987_653_000);
      expect(await hubOrder(number), number).toBeDefined();
    }
  }, 120_000);

  it("follows a new order by ORDER_NOTIFY and a label bought in ShipStation by SHIP_NOTIFY", async () => {
    const sku = [...ss.state.store.items.values()].find((i) => i.sku.trim())!.sku;
    const placed = await place(sku, ss.state.subStores[3]!.storeId);
    await until(
      "the new order in the hub",
      async () => (await hubOrder(placed.orderNumber)) !== undefined,
      60_000,
    );
    await sandboxControl(ss, "POST", `orders/${placed.orderId}/ship`, { trackingNumber: "9400111" });
    await until(
      "the hub order shipped",
      async () => (await hubOrder(placed.orderNumber))?.status === "shipped",
      60_000,
    );
  }, 150_000);

  it("sends a shipment made in the hub to ShipStation as markasshipped", async () => {
    await api.post(`/api/v1/connections/${id}/mode`, { mode: "live" });
    const sku = [...ss.state.store.items.values()].find((i) => i.sku.trim())!.sku;
    const placed = await place(sku, ss.state.subStores[1]!.storeId);
    const order = await until("the order in the hub", () => hubOrder(placed.orderNumber), 60_000);
    const shipped = await api.post(`/api/v1/orders/${order.id}/shipments`, {
      carrier: "UPS",
      trackingNumber: "1ZHUB0001",
    });
    expect(shipped.status).toBe(201);
    await until("ShipStation to show it shipped", () => ssOrder(placed.orderId).status === "shipped", 60_000);
    const sent = ss.writeLog.list({ pathContains: "/orders/markasshipped" }).at(-1);
    expect(sent?.body).toMatchObject({
      orderId: placed.orderId,
      carrierCode: "ups",
      trackingNumber: "1ZHUB0001",
    });
  }, 150_000);

  it("refuses a webhook without the token, or naming another host, and stores nothing", async () => {
    const stored = async () =>
      (
        await queryRows<{ body: string }>(
          hub.ctx.db,
          sql`select body from webhook_inbox where connection_id = ${id}`,
        )
      ).map((r) => JSON.parse(r.body).resource_url as string);
    const resource = { resource_url: `${ss.url}/orders?importBatch=x`, resource_type: "ORDER_NOTIFY" };
    expect((await webhook("", resource)).statusCode).toBe(401);
    expect((await webhook("?token=00", resource)).statusCode).toBe(401);
    const token = hookToken(ss.credentials);
    const elsewhere = {
      resource_url: "http://169.254.169.254/orders?importBatch=x",
      resource_type: "ORDER_NOTIFY",
    };
    expect((await webhook(`?token=${token}`, elsewhere)).statusCode).toBe(401);
    const sameHostOtherPath = { resource_url: `${ss.url}/_sandbox/info`, resource_type: "ORDER_NOTIFY" };
    expect((await webhook(`?token=${token}`, sameHostOtherPath)).statusCode).toBe(401);
    expect(await stored()).not.toContain(resource.resource_url);
    expect(await stored()).not.toContain(elsewhere.resource_url);
    // The same delivery with the token and a resource on the API host is taken.
    expect((await webhook(`?token=${token}`, resource)).statusCode).toBe(200);
    expect(await stored()).toContain(resource.resource_url);
  });
});
