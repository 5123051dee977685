import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Api, apiFor } from "../../../test/helpers/api.ts";
import { createTenant, startTestHub, type TestHub } from "../../../test/helpers/hub.ts";
import { credentialsFor, sessionFor, startCompany } from "../../../test/helpers/quickbooks-session.ts";
import { createTestConnector, createTestPlatform } from "../../../test/helpers/test-connector.ts";
import type { Connector } from "../../connectors/contract.ts";
import { quickBooksOnlineConnector } from "../../connectors/quickbooks-online/index.ts";
import type { QuickBooksOnlineSandbox } from "../../sandboxes/quickbooks-online/index.ts";

/** The read views a dashboard polls during a manual sync, against the QuickBooks sandbox. */
let qbo: QuickBooksOnlineSandbox;
let hub: TestHub;
let api: Api;
let other: Api;
let sku: string;
let shop: string;

async function connect(platform: "test" | "quickbooks-online", name: string) {
  const credentials = platform === "test" ? { token: "good-token" } : credentialsFor(qbo);
  const res = await api.post("/api/v1/connections", { platform, name, credentials });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  await api.post(`/api/v1/connections/${res.body.id}/mode`, { mode: "live" });
  return res.body.id as string;
}

async function order(placedAt: string, number: string) {
  const res = await api.post("/api/v1/orders", {
    connectionId: shop,
    platformOrderId: number,
    orderNumber: number,
    placedAt,
    currency: "USD",
    lines: [{ sku, quantity: 1, unitPriceMinor: 1500 }],
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.orderId as string;
}

const progress = (query: string) => api.get(`/api/v1/books/sync/progress?${query}`);

beforeAll(async () => {
  qbo = await startCompany({ items: 3 });
  const first = (await sessionFor(qbo).session.listProducts({})).items.find((p) => p.sku);
  if (!first?.sku) throw new Error("the sandbox company has no item with a SKU");
  sku = first.sku;
  hub = await startTestHub({
    env: { STOCKWIRE_ALLOW_PRIVATE_URLS: "1" },
    connectors: {
      test: createTestConnector(createTestPlatform()) as Connector<unknown>,
      "quickbooks-online": quickBooksOnlineConnector as Connector<unknown>,
    },
  });
  const tenant = await createTenant(hub);
  api = apiFor(hub.app, tenant);
  other = apiFor(hub.app, await createTenant(hub));
  await api.post("/api/v1/products/import", { products: [{ sku, name: sku, quantity: 100 }] });
  const books = await connect("quickbooks-online", "Books");
  shop = await connect("test", "Shop");
  // apiFor has no PUT.
  const res = await hub.app.inject({
    method: "PUT",
    url: `/api/v1/connections/${shop}/order-settings`,
    headers: tenant.auth,
    payload: { booksConnectionId: books },
  });
  expect(res.statusCode, res.body).toBe(200);
}, 60_000);
afterAll(async () => {
  await hub?.close();
  await qbo?.close();
});

describe("manual sync progress", () => {
  it("shows a range's orders as not in the books before the sync and posted after it", async () => {
    const first = await order("2024-05-06T10:00:00Z", "#5001");
    await order("2024-05-06T12:00:00Z", "#5002");
    await order("2024-05-09T12:00:00Z", "#5003");
    const before = await progress(`connectionId=${shop}&from=2024-05-06&to=2024-05-07`);
    expect(before.status, JSON.stringify(before.body)).toBe(200);
    expect(before.body).toMatchObject({
      postingMode: "summary",
      booksMode: "live",
      orders: { total: 2, inBooks: 0 },
      documents: { total: 0, posted: 0 },
      lastChangeAt: null,
    });

    const sync = await api.post("/api/v1/books/sync", {
      connectionId: shop,
      from: "2024-05-06",
      to: "2024-05-07",
    });
    expect(sync.body.outcomes.posted).toBe(1);
    const after = await progress(`connectionId=${shop}&from=2024-05-06&to=2024-05-07`);
    expect(after.body).toMatchObject({
      orders: { total: 2, inBooks: 2 },
      documents: { total: 1, posted: 1 },
    });
    expect(after.body.lastChangeAt).not.toBeNull();
    // The order outside the range is neither counted nor posted.
    const wider = await progress(`connectionId=${shop}&from=2024-05-01&to=2024-05-31`);
    expect(wider.body).toMatchObject({ orders: { total: 3, inBooks: 2 }, documents: { total: 1 } });

    const postings = await api.get(`/api/v1/orders/${first}/postings`);
    expect(postings.status).toBe(200);
    expect(postings.body.summary).toMatchObject({ periodKey: "2024-05-06" });
    expect(postings.body.items).toHaveLength(1);
    expect(postings.body.items[0]).toMatchObject({ subjectType: "summary", status: "posted" });
  });

  it("counts a refund of the range as a document of its own", async () => {
    const id = await order("2024-06-03T10:00:00Z", "#6001");
    await api.post(`/api/v1/orders/${id}/refunds`, {
      currency: "USD",
      refundedAt: "2024-06-04T10:00:00Z",
      lines: [{ sku, quantity: 1, restock: true }],
    });
    await api.post("/api/v1/books/sync", { connectionId: shop, from: "2024-06-03", to: "2024-06-04" });
    const res = await progress(`connectionId=${shop}&from=2024-06-03&to=2024-06-04`);
    expect(res.body.documents.total).toBe(2);
    const postings = await api.get(`/api/v1/orders/${id}/postings`);
    expect(postings.body.items.map((p: { subjectType: string }) => p.subjectType).sort()).toEqual([
      "refund",
      "summary",
    ]);
  });

  it("says no books connection instead of counting documents for a channel that posts nowhere", async () => {
    const lone = await connect("test", "Lone shop");
    const res = await progress(`connectionId=${lone}&preset=last-month`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ booksConnectionId: null, booksMode: null, documents: { total: 0 } });
  });

  it("refuses the ranges the sync refuses, and other accounts' connections and orders", async () => {
    const long = await progress(`connectionId=${shop}&from=2024-01-01&to=2024-06-01`);
    expect(long.status).toBe(400);
    expect(long.body.detail).toMatch(/at most 4 months/);
    expect((await progress(`connectionId=${shop}`)).status).toBe(400);
    expect((await progress("connectionId=not-a-uuid&preset=last-month")).status).toBe(400);
    expect(
      (await other.get(`/api/v1/books/sync/progress?connectionId=${shop}&preset=last-month`)).status,
    ).toBe(404);
    const [mine] = (await api.get("/api/v1/orders?limit=1")).body.items;
    expect((await other.get(`/api/v1/orders/${mine.id}/postings`)).status).toBe(404);
  });
});
