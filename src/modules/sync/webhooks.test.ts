import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pair, runFeed, type SyncFixture, startSyncHub } from "../../../test/helpers/sync-setup.ts";
import { addTestProduct, signTestWebhook, testOrder } from "../../../test/helpers/test-connector.ts";
import { processWebhook } from "./webhooks.ts";

let f: SyncFixture;
let connectionId: string;
beforeAll(async () => {
  f = await startSyncHub();
  addTestProduct(f.platform, "WH-1", 5);
  connectionId = await pair(f, "Webhook shop", "live");
  await runFeed(f, connectionId, "new-products");
  await runFeed(f, connectionId, "initial-stock");
});
afterAll(() => f?.hub.close());

async function deliver(body: unknown, signature?: string) {
  const raw = JSON.stringify(body);
  return f.hub.app.inject({
    method: "POST",
    url: `/webhooks/test/${connectionId}`,
    headers: {
      "content-type": "application/json",
      "x-test-signature": signature ?? signTestWebhook(f.platform, raw),
    },
    payload: raw,
  });
}
const inbox = async () =>
  (await f.hub.ctx.db.execute(
    sql`select id, event_id, status from webhook_inbox order by received_at`,
  )) as unknown as { rows: { id: string; event_id: string; status: string }[] };
async function processAll() {
  for (const row of (await inbox()).rows) await processWebhook(f.hub.ctx, row.id);
}

describe("webhooks", () => {
  it("refuses a bad signature with 401 and stores nothing", async () => {
    const res = await deliver(
      { eventId: "e-bad", topic: "orders/create", kind: "order", objectId: "x", occurredAt: new Date() },
      "deadbeef",
    );
    expect(res.statusCode).toBe(401);
    expect(res.headers["content-type"]).toContain("application/problem+json");
    expect((await inbox()).rows).toHaveLength(0);
  });

  it("answers 404 for an unknown connection or platform", async () => {
    const res = await f.hub.app.inject({
      method: "POST",
      url: "/webhooks/test/00000000-0000-4000-8000-000000000000",
      payload: "{}",
    });
    expect(res.statusCode).toBe(404);
    expect(
      (await f.hub.app.inject({ method: "POST", url: `/webhooks/shopify/${connectionId}`, payload: "{}" }))
        .statusCode,
    ).toBe(404);
  });

  it("stores a signed delivery once, however often it comes, and imports the order", async () => {
    const order = testOrder(f.platform, "w-1", [{ sku: "WH-1", quantity: 2 }], {
      updatedAt: new Date("2026-11-01T10:00:00Z"),
    });
    const event = {
      eventId: "e-1",
      topic: "orders/create",
      kind: "order",
      objectId: "w-1",
      occurredAt: new Date(),
      order,
    };
    expect((await deliver(event)).json()).toEqual({ received: true, duplicate: false });
    expect((await deliver(event)).json()).toEqual({ received: true, duplicate: true });
    await processAll();
    expect((await f.api.get("/api/v1/products/WH-1")).body).toMatchObject({ reserved: 2 });
    expect((await inbox()).rows.map((r) => r.status)).toEqual(["processed"]);
  });

  it("never moves an order backwards when deliveries arrive out of order", async () => {
    const base = f.platform.orders.get("w-1")!;
    const newer = { ...base, financialStatus: "refunded", updatedAt: new Date("2026-11-01T12:00:00Z") };
    const older = { ...base, financialStatus: "paid", updatedAt: new Date("2026-11-01T11:00:00Z") };
    await deliver({
      eventId: "e-3",
      topic: "orders/updated",
      kind: "order",
      objectId: "w-1",
      occurredAt: new Date(),
      order: newer,
    });
    await deliver({
      eventId: "e-2",
      topic: "orders/updated",
      kind: "order",
      objectId: "w-1",
      occurredAt: new Date(),
      order: older,
    });
    await processAll();
    const id = (await f.api.get("/api/v1/orders?q=%23w-1")).body.items[0].id;
    expect((await f.api.get(`/api/v1/orders/${id}`)).body.financialStatus).toBe("refunded");
  });

  it("reads the catalogue again only for a product change it does not already hold", async () => {
    const [listed] = f.platform.products;
    const variant = {
      platformVariantId: listed!.platformVariantId,
      inventoryItemId: listed!.inventoryItemId,
    };
    const product = (eventId: string, variants: unknown[] | undefined) =>
      deliver({
        eventId,
        topic: "products/update",
        kind: "product",
        objectId: "prod-1",
        occurredAt: new Date(),
        variants,
      });
    const productRuns = async () =>
      (
        (await f.hub.ctx.db.execute(
          sql`select count(*)::int as n from feed_runs
              where connection_id = ${connectionId} and feed_kind = 'new-products' and trigger = 'webhook'`,
        )) as unknown as { rows: { n: number }[] }
      ).rows[0]!.n;
    const before = await productRuns();
    await product("p-stock-only", [{ ...variant, sku: "WH-1" }]);
    await processAll();
    expect(await productRuns()).toBe(before);

    await product("p-new-variant", [
      { ...variant, sku: "WH-1" },
      { platformVariantId: "var-new", inventoryItemId: "item-new", sku: "WH-NEW" },
    ]);
    await processAll();
    expect(await productRuns()).toBe(before + 1);
    const statuses = Object.fromEntries((await inbox()).rows.map((r) => [r.event_id, r.status]));
    expect(statuses).toMatchObject({ "p-stock-only": "ignored", "p-new-variant": "processed" });
  });

  it("ignores the echo of the hub's own stock push and logs an outside change", async () => {
    await f.api.post("/api/v1/stock/adjustments", { sku: "WH-1", delta: 1, idempotencyKey: "wh-adj" });
    const { pumpUntilIdle } = await import("./pump.ts");
    const { drainConnection } = await import("./drain.ts");
    await pumpUntilIdle(f.hub.ctx);
    await drainConnection(f.hub.ctx, connectionId);
    const item = f.platform.products[0]!.inventoryItemId!;
    const pushed = f.platform.stock.get(`${item}@loc-1`)!;
    await deliver({
      eventId: "e-echo",
      topic: "inventory_levels/update",
      kind: "inventory",
      objectId: item,
      occurredAt: new Date(),
      level: { inventoryItemId: item, locationId: "loc-1", sku: null, quantity: pushed },
    });
    await deliver({
      eventId: "e-outside",
      topic: "inventory_levels/update",
      kind: "inventory",
      objectId: item,
      occurredAt: new Date(),
      level: { inventoryItemId: item, locationId: "loc-1", sku: null, quantity: 99 },
    });
    await processAll();
    const statuses = Object.fromEntries((await inbox()).rows.map((r) => [r.event_id, r.status]));
    expect(statuses).toMatchObject({ "e-echo": "ignored", "e-outside": "processed" });
    // The channel's own sale takes it to what the hub now wants there: in step, not an outside change.
    const wanted = (await f.api.get("/api/v1/products/WH-1")).body.channelAvailable;
    expect(wanted).toEqual(expect.any(Number));
    await deliver({
      eventId: "e-in-step",
      topic: "inventory_levels/update",
      kind: "inventory",
      objectId: item,
      occurredAt: new Date(),
      level: { inventoryItemId: item, locationId: "loc-1", sku: null, quantity: wanted },
    });
    await processAll();
    const after = Object.fromEntries((await inbox()).rows.map((r) => [r.event_id, r.status]));
    expect(after["e-in-step"]).toBe("ignored");
    const pulls = (
      await f.api.get(`/api/v1/sync-log?sku=WH-1&connectionId=${connectionId}`)
    ).body.items.filter((l: { direction: string }) => l.direction === "pull");
    expect(pulls.map((l: { quantity: number }) => l.quantity)).toEqual([99]);
    const log = (await f.api.get(`/api/v1/sync-log?sku=WH-1&connectionId=${connectionId}`)).body.items;
    expect(log.find((l: { direction: string }) => l.direction === "pull")).toMatchObject({
      quantity: 99,
      reason: expect.stringContaining("outside the hub"),
    });
  });
});
