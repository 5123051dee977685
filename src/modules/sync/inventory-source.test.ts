import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiFor } from "../../../test/helpers/api.ts";
import { createTenant, startTestHub } from "../../../test/helpers/hub.ts";
import { credentialsFor, sessionFor, startCompany } from "../../../test/helpers/quickbooks-session.ts";
import { pair, runFeed, type SyncFixture } from "../../../test/helpers/sync-setup.ts";
import {
  addTestProduct,
  createTestConnector,
  createTestPlatform,
} from "../../../test/helpers/test-connector.ts";
import type { Connector } from "../../connectors/contract.ts";
import { quickBooksOnlineConnector } from "../../connectors/quickbooks-online/index.ts";
import type { QuickBooksOnlineSandbox } from "../../sandboxes/quickbooks-online/index.ts";
import { postPendingOnce } from "../books/index.ts";
import { drainConnection } from "./drain.ts";
import { pumpUntilIdle } from "./pump.ts";

/**
 * QuickBooks as inventory source (R-SYNC-8), over HTTP against the QuickBooks sandbox, with the
 * in-process test platform as the sales channel. Workers are off: each test drives the feed,
 * the event pump and the outbox drain itself.
 */
let qbo: QuickBooksOnlineSandbox;
let f: SyncFixture;
let books: string;
let shop: string;
let skuA: string;
let skuB: string;
let orderSeq = 0;

const qboQty = (sku: string) => Number(qbo.control.findItem({ sku })?.QtyOnHand);
const stock = async (sku: string) => (await f.api.get(`/api/v1/products/${encodeURIComponent(sku)}`)).body;
const channelQty = (sku: string) =>
  f.platform.stock.get(`${f.platform.products.find((p) => p.sku === sku)!.inventoryItemId}@loc-1`);
const booksMovements = async (sku: string) =>
  (await f.api.get(`/api/v1/stock/movements?sku=${encodeURIComponent(sku)}&reason=books`)).body.items;

/** An accountant's edit in the QuickBooks screens, through the sandbox's control API over HTTP. */
async function editInQuickBooks(sku: string, QtyOnHand: number) {
  const res = await fetch(`${qbo.url}/_sandbox/items?sku=${encodeURIComponent(sku)}`, {
    method: "PATCH",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ QtyOnHand }),
  });
  expect(res.status).toBe(200);
}

async function pushToChannel() {
  await pumpUntilIdle(f.hub.ctx);
  await drainConnection(f.hub.ctx, shop);
}

async function order(connectionId: string, sku: string, quantity: number, placedAt = new Date()) {
  orderSeq += 1;
  const res = await f.api.post("/api/v1/orders", {
    connectionId,
    platformOrderId: `src-${orderSeq}`,
    orderNumber: `#S${orderSeq}`,
    placedAt: placedAt.toISOString(),
    currency: "USD",
    customer: { name: "Ada Lovelace" },
    lines: [{ sku, quantity, unitPriceMinor: 1000 }],
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.orderId as string;
}

const putSource = (body: unknown) => f.api.put("/api/v1/inventory-source", body);

beforeAll(async () => {
  qbo = await startCompany({ items: 10 });
  const page = await sessionFor(qbo).session.listProducts({});
  [skuA, skuB] = page.items.map((p) => p.sku) as [string, string];
  const platform = createTestPlatform();
  for (const sku of [skuA, skuB]) addTestProduct(platform, sku, 0);
  const hub = await startTestHub({
    env: { STOCKWIRE_ALLOW_PRIVATE_URLS: "1" },
    connectors: {
      test: createTestConnector(platform) as Connector<unknown>,
      "quickbooks-online": quickBooksOnlineConnector as Connector<unknown>,
    },
  });
  const tenant = await createTenant(hub);
  f = { hub, platform, tenant, api: apiFor(hub.app, tenant) };
  shop = await pair(f, "Channel", "live");
  await runFeed(f, shop, "new-products");
  const res = await f.api.post("/api/v1/connections", {
    platform: "quickbooks-online",
    name: "Books",
    credentials: credentialsFor(qbo),
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  books = res.body.id;
  await f.api.post(`/api/v1/connections/${books}/mode`, { mode: "live" });
  const settings = await f.api.put(`/api/v1/connections/${shop}/order-settings`, {
    booksConnectionId: books,
    postingMode: "individual",
  });
  expect(settings.status, JSON.stringify(settings.body)).toBe(200);
}, 60_000);
afterAll(async () => {
  await f?.hub.close();
  await qbo?.close();
});

describe("choosing the inventory source", () => {
  it("defaults to the hub and refuses what cannot be a source, changing nothing", async () => {
    expect((await f.api.get("/api/v1/inventory-source")).body).toEqual({
      source: "hub",
      connectionId: null,
      warehouseId: null,
      since: null,
    });
    const other = await createTenant(f.hub);
    const theirs = await apiFor(f.hub.app, other).post("/api/v1/connections", {
      platform: "quickbooks-online",
      name: "Their books",
      credentials: credentialsFor(qbo),
    });
    expect(theirs.status).toBe(201);
    const refusals: [unknown, number, string][] = [
      [{ source: "books", connectionId: shop }, 400, "not_an_inventory_source"],
      [{ source: "books", connectionId: randomUUID() }, 404, "connection_not_found"],
      [{ source: "books", connectionId: theirs.body.id }, 404, "connection_not_found"],
      [{ source: "books", connectionId: books, warehouseId: randomUUID() }, 404, "warehouse_not_found"],
    ];
    for (const [body, status, code] of refusals) {
      const res = await putSource(body);
      expect(res.status, JSON.stringify(res.body)).toBe(status);
      expect(res.body.code).toBe(code);
    }
    expect((await putSource({ source: "books" })).status).toBe(400);
    expect((await putSource({ source: "hub", connectionId: books })).status).toBe(400);
    expect((await f.api.get("/api/v1/inventory-source")).body.source).toBe("hub");
    const feeds = (await f.api.get(`/api/v1/connections/${books}/feeds`)).body.items;
    expect(feeds.find((x: { kind: string }) => x.kind === "inventory-source")?.cron ?? null).toBeNull();
  });

  it("a QuickBooks connection becomes the source: its feed is scheduled and the first run takes every count", async () => {
    const res = await putSource({ source: "books", connectionId: books });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ source: "books", connectionId: books, warehouseId: null });
    const feeds = (await f.api.get(`/api/v1/connections/${books}/feeds`)).body.items;
    expect(feeds.find((x: { kind: string }) => x.kind === "inventory-source")).toMatchObject({
      direction: "inbound",
      enabled: true,
      cron: "*/5 * * * *",
    });

    const { run } = await runFeed(f, books, "inventory-source");
    expect(run.status).toBe("succeeded");
    for (const sku of [skuA, skuB]) {
      expect((await stock(sku)).onHand).toBe(qboQty(sku));
      expect(await booksMovements(sku)).toHaveLength(1);
    }
    await pushToChannel();
    expect([channelQty(skuA), channelQty(skuB)]).toEqual([qboQty(skuA), qboQty(skuB)]);
  });
});

describe("following QuickBooks", () => {
  it("an accountant's edit in QuickBooks reaches the hub through CDC and every live channel", async () => {
    await editInQuickBooks(skuA, 42);
    const { run, messages } = await runFeed(f, books, "inventory-source");
    expect(run.status).toBe("succeeded");
    expect(messages.map((m) => m.message).join("\n")).toMatch(/\(cdc\)/);
    expect((await stock(skuA)).onHand).toBe(42);
    await pushToChannel();
    expect(channelQty(skuA)).toBe(42);
    const log = (await f.api.get(`/api/v1/sync-log?connectionId=${books}&sku=${encodeURIComponent(skuA)}`))
      .body.items;
    expect(log).toEqual([expect.objectContaining({ direction: "pull", quantity: 42, result: "ok" })]);
  });

  it("an order reserves at once, and keeps counting until QuickBooks has the sale posted", async () => {
    const orderId = await order(shop, skuA, 2);
    await pushToChannel();
    expect(channelQty(skuA)).toBe(40);

    await postPendingOnce(f.hub.ctx);
    expect(qboQty(skuA)).toBe(40);
    const before = (await booksMovements(skuA)).length;
    await runFeed(f, books, "inventory-source");
    // QuickBooks now counts 40 and knows the sale; the 2 units are still on the shelf, reserved.
    expect(await stock(skuA)).toMatchObject({ onHand: 42, reserved: 2, available: 40 });
    expect(await booksMovements(skuA)).toHaveLength(before);

    expect((await f.api.post(`/api/v1/orders/${orderId}/shipments`, {})).status).toBe(201);
    await runFeed(f, books, "inventory-source", true);
    expect(await stock(skuA)).toMatchObject({ onHand: 40, reserved: 0, available: 40 });
    expect(await booksMovements(skuA)).toHaveLength(before);
    await pushToChannel();
    expect(channelQty(skuA)).toBe(40);
  });

  it("units shipped before the day's summary is posted stay off the count until it is", async () => {
    const summaryShop = await pair(f, "Summary channel", "live");
    await f.api.put(`/api/v1/connections/${summaryShop}/order-settings`, { booksConnectionId: books });
    const yesterday = new Date(Date.now() - 86_400_000);
    const orderId = await order(summaryShop, skuB, 3, yesterday);
    expect((await f.api.post(`/api/v1/orders/${orderId}/shipments`, {})).status).toBe(201);
    const counted = qboQty(skuB);
    expect((await stock(skuB)).onHand).toBe(counted - 3);

    // Ten units arrive and the accountant counts them in; QuickBooks does not know the sale yet.
    await editInQuickBooks(skuB, counted + 10);
    await runFeed(f, books, "inventory-source");
    expect((await stock(skuB)).onHand).toBe(counted + 7);

    const day = yesterday.toISOString().slice(0, 10);
    const sync = await f.api.post("/api/v1/books/sync", { connectionId: summaryShop, from: day, to: day });
    expect(sync.body.outcomes.posted, JSON.stringify(sync.body)).toBe(1);
    expect(qboQty(skuB)).toBe(counted + 7);
    await runFeed(f, books, "inventory-source");
    expect((await stock(skuB)).onHand).toBe(counted + 7);
  });

  it("skips items no channel sells and logs them", async () => {
    qbo.control.createItem({ Name: "Office chair", Sku: "NOT-SOLD-1", QtyOnHand: 3 });
    const { run } = await runFeed(f, books, "inventory-source");
    expect(run.status).toBe("succeeded");
    expect(run.counts.skipped).toBeGreaterThan(0);
    const log = (await f.api.get(`/api/v1/sync-log?connectionId=${books}&sku=NOT-SOLD-1`)).body.items;
    expect(log).toEqual([expect.objectContaining({ direction: "pull", quantity: 3, result: "skipped" })]);
  });

  it("going back to the hub unschedules the feed, and a run reads nothing", async () => {
    expect((await putSource({ source: "hub" })).body.source).toBe("hub");
    const feeds = (await f.api.get(`/api/v1/connections/${books}/feeds`)).body.items;
    expect(feeds.find((x: { kind: string }) => x.kind === "inventory-source")?.cron).toBeNull();
    await editInQuickBooks(skuA, 5);
    const { run, messages } = await runFeed(f, books, "inventory-source");
    expect(run.status).toBe("blocked");
    expect(messages[0]?.code).toBe("not_inventory_source");
    expect((await stock(skuA)).onHand).toBe(40);
  });
});
