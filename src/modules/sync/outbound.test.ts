import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pair, runFeed, type SyncFixture, startSyncHub } from "../../../test/helpers/sync-setup.ts";
import { addTestProduct, testOrder } from "../../../test/helpers/test-connector.ts";
import { drainConnection, LEASE_BUSY_RETRY_MS } from "./drain.ts";
import { pumpUntilIdle } from "./pump.ts";

let f: SyncFixture;
let live: string;
let shadow: string;
let testMode: string;
const stockOf = (sku: string) =>
  f.platform.stock.get(`${f.platform.products.find((p) => p.sku === sku)!.inventoryItemId}@loc-1`);
const adjust = (sku: string, delta: number, key: string) =>
  f.api.post("/api/v1/stock/adjustments", { sku, delta, idempotencyKey: key });
const pending = async (id: string) => (await f.api.get(`/api/v1/connections/${id}/pending`)).body;

beforeAll(async () => {
  f = await startSyncHub();
  for (const sku of ["OUT-A", "OUT-B", "OUT-C", "OUT-D", "OUT-E"]) addTestProduct(f.platform, sku, 0);
  live = await pair(f, "Live shop", "live");
  shadow = await pair(f, "Shadow shop", "shadow");
  testMode = await pair(f, "Test-mode shop");
  for (const id of [live, shadow, testMode]) await runFeed(f, id, "new-products");
  await f.api.post("/api/v1/products/import", {
    products: ["OUT-A", "OUT-B", "OUT-C", "OUT-D", "OUT-E"].map((sku) => ({ sku, name: sku, quantity: 10 })),
  });
  await pumpUntilIdle(f.hub.ctx);
});
afterAll(() => f?.hub.close());

describe("stock export", () => {
  it("queues pushes for live and shadow connections only, one row per SKU however many changes", async () => {
    await adjust("OUT-A", -1, "a1");
    await adjust("OUT-A", -1, "a2");
    await adjust("OUT-A", -1, "a3");
    await pumpUntilIdle(f.hub.ctx);
    expect((await pending(live)).count).toBe(5);
    expect((await pending(shadow)).count).toBe(5);
    expect((await pending(testMode)).count).toBe(0);
  });

  it("pushes the latest quantities in the platform's batch size and empties the queue", async () => {
    await drainConnection(f.hub.ctx, live);
    expect(f.platform.writes.map((w) => w.length)).toEqual([3, 2]);
    expect(stockOf("OUT-A")).toBe(7);
    expect(stockOf("OUT-B")).toBe(10);
    expect((await pending(live)).count).toBe(0);
    const log = (await f.api.get(`/api/v1/sync-log?connectionId=${live}&sku=OUT-A`)).body.items;
    expect(log).toEqual([expect.objectContaining({ direction: "push", quantity: 7, result: "ok" })]);
    expect(
      (await f.api.get("/api/v1/products/OUT-A")).body.listings.find(
        (l: { connectionId: string }) => l.connectionId === live,
      ),
    ).toMatchObject({ lastPushedQuantity: 7 });
  });

  it("records previews in shadow mode and sends nothing", async () => {
    const before = f.platform.writes.length;
    await drainConnection(f.hub.ctx, shadow);
    expect(f.platform.writes.length).toBe(before);
    const previews = (await f.api.get(`/api/v1/connections/${shadow}/previews`)).body.items;
    expect(previews.map((p: { description: string }) => p.description)).toContain(
      "would set SKU OUT-A to 7 on Shadow shop",
    );
    expect((await pending(shadow)).count).toBe(0);
  });

  it("never pushes a quantity older than an order the hub recorded", async () => {
    await adjust("OUT-B", -1, "b1");
    await pumpUntilIdle(f.hub.ctx);
    f.platform.beforeWrite = async () => {
      // an order lands in the hub while the push of 9 is in flight
      f.platform.beforeWrite = undefined;
      testOrder(f.platform, "o-1", [{ sku: "OUT-B", quantity: 2 }]);
      await runFeed(f, live, "new-orders");
      await pumpUntilIdle(f.hub.ctx);
    };
    await drainConnection(f.hub.ctx, live);
    // the row changed while 9 was in flight, so it was not confirmed and went out again as 7
    const pushes = f.platform.writes
      .flat()
      .filter((w) => w.sku === "OUT-B")
      .map((w) => w.quantity);
    expect(pushes.slice(-2)).toEqual([9, 7]);
    expect(stockOf("OUT-B")).toBe(7);
    expect((await pending(live)).count).toBe(0);
  });

  it("re-reads and retries when the platform changed under a compare-and-set write", async () => {
    const item = `${f.platform.products.find((p) => p.sku === "OUT-C")!.inventoryItemId}@loc-1`;
    f.platform.stock.set(item, 42);
    await adjust("OUT-C", -2, "c1");
    await pumpUntilIdle(f.hub.ctx);
    await drainConnection(f.hub.ctx, live);
    const writesOfC = f.platform.writes.flat().filter((w) => w.sku === "OUT-C");
    expect(writesOfC.at(-2)).toMatchObject({ quantity: 8, compareQuantity: 10 });
    expect(writesOfC.at(-1)).toMatchObject({ quantity: 8, compareQuantity: 42 });
    expect(stockOf("OUT-C")).toBe(8);
  });

  it("keeps pushes through a platform outage and sends them when it is back", async () => {
    f.platform.failNextWrites = 1;
    await adjust("OUT-D", -3, "d1");
    await pumpUntilIdle(f.hub.ctx);
    await drainConnection(f.hub.ctx, live);
    const waiting = await pending(live);
    expect(waiting).toMatchObject({ count: 1, retrying: 1 });
    expect(waiting.items[0].lastError).toContain("503");
    const issues = (await f.api.get(`/api/v1/sync/issues?connectionId=${live}&severity=retry`)).body.items;
    expect(issues[0]).toMatchObject({
      code: "platform_unavailable",
      state: expect.stringMatching(/^retrying/),
    });
    await f.hub.ctx.db.execute((await import("drizzle-orm")).sql`update outbox set next_attempt_at = now()`);
    await drainConnection(f.hub.ctx, live);
    expect(stockOf("OUT-D")).toBe(7);
    expect((await pending(live)).count).toBe(0);
    expect((await f.api.get(`/api/v1/sync/issues?connectionId=${live}&severity=retry`)).body.items).toEqual(
      [],
    );
  });

  it("turns a refused SKU into an error a person can see", async () => {
    f.platform.rejectSkus.add("OUT-E");
    await adjust("OUT-E", -1, "e1");
    await pumpUntilIdle(f.hub.ctx);
    await drainConnection(f.hub.ctx, live);
    const issue = (
      await f.api.get(`/api/v1/sync/issues?connectionId=${live}&severity=error`)
    ).body.items.find((i: { subjectId: string }) => i.subjectId === "OUT-E");
    expect(issue.message).toContain('Getting error while synchronizing this product "OUT-E"');
    expect((await f.api.get(`/api/v1/sync-log?sku=OUT-E&connectionId=${live}`)).body.items[0]).toMatchObject({
      result: "failed",
      severity: "error",
    });
    f.platform.rejectSkus.clear();
    await f.api.post(`/api/v1/sync/issues/${issue.id}/replay`, {});
    await drainConnection(f.hub.ctx, live);
    expect(stockOf("OUT-E")).toBe(9);
  });

  it("drains one connection once at a time in a process: two calls together push each SKU once", async () => {
    await adjust("OUT-D", -1, "d-twice");
    await adjust("OUT-E", -1, "e-twice");
    await pumpUntilIdle(f.hub.ctx);
    const before = f.platform.writes.length;
    const outcomes = await Promise.all([drainConnection(f.hub.ctx, live), drainConnection(f.hub.ctx, live)]);
    expect(outcomes).toEqual([{ more: false }, { more: false }]);
    const pushed = f.platform.writes
      .slice(before)
      .flat()
      .map((w) => w.sku);
    expect(pushed.sort()).toEqual(["OUT-D", "OUT-E"]);
    expect((await pending(live)).count).toBe(0);
  });

  it("leaves the rows to another worker's drain and asks to look again shortly", async () => {
    await f.hub.ctx.db.execute(
      sql`insert into drain_leases (connection_id, holder, expires_at) values (${live}, 'other-host:1:abc', now() + interval '1 minute')`,
    );
    await adjust("OUT-D", -1, "d-leased");
    await pumpUntilIdle(f.hub.ctx);
    const before = f.platform.writes.length;
    expect(await drainConnection(f.hub.ctx, live)).toEqual({ more: true, retryAfterMs: LEASE_BUSY_RETRY_MS });
    expect(f.platform.writes.length).toBe(before);
    expect((await pending(live)).count).toBe(1);
    await f.hub.ctx.db.execute(sql`delete from drain_leases where connection_id = ${live}`);
    expect(await drainConnection(f.hub.ctx, live)).toEqual({ more: false });
    expect(stockOf("OUT-D")).toBe(5);
  });
});

describe("mode switching", () => {
  it("records who switched and when", async () => {
    const history = (await f.api.get(`/api/v1/connections/${live}/mode-history`)).body.items;
    expect(history).toEqual([
      expect.objectContaining({ from: "test", to: "live", actor: expect.stringContaining("@") }),
    ]);
    expect((await f.api.post(`/api/v1/connections/${live}/mode`, { mode: "sideways" })).status).toBe(400);
  });
});

describe("shipping confirmation", () => {
  it("sends the hub's shipment with tracking to the order's channel", async () => {
    testOrder(f.platform, "o-ship", [{ sku: "OUT-A", quantity: 1 }]);
    await runFeed(f, live, "new-orders");
    const id = (await f.api.get("/api/v1/orders?q=%23o-ship")).body.items[0].id;
    await f.api.post(`/api/v1/orders/${id}/shipments`, { carrier: "DHL", trackingNumber: "JD0001" });
    await pumpUntilIdle(f.hub.ctx);
    await drainConnection(f.hub.ctx, live);
    expect(f.platform.fulfillments).toEqual([{ platformOrderId: "o-ship", trackingNumber: "JD0001" }]);
  });
});

describe("stock check", () => {
  it("reports drift with who wrote last and corrects it when asked", async () => {
    const item = `${f.platform.products.find((p) => p.sku === "OUT-B")!.inventoryItemId}@loc-1`;
    f.platform.stock.set(item, 3);
    const { run } = await runFeed(f, live, "stock-check");
    expect(run.status).toBe("partial");
    const drift = (await f.api.get(`/api/v1/connections/${live}/drift`)).body.items;
    expect(drift).toEqual([
      expect.objectContaining({
        sku: "OUT-B",
        hubQuantity: 7,
        platformQuantity: 3,
        lastWriter: "outside",
        corrected: false,
      }),
    ]);
    await f.api.patch(`/api/v1/connections/${live}`, { settings: { correctDrift: true } });
    await runFeed(f, live, "stock-check");
    await drainConnection(f.hub.ctx, live);
    expect(stockOf("OUT-B")).toBe(7);
  });
});
