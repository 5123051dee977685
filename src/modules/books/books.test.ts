import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Api, apiFor } from "../../../test/helpers/api.ts";
import { createTenant, startTestHub, type TestHub } from "../../../test/helpers/hub.ts";
import { credentialsFor, sessionFor, startCompany } from "../../../test/helpers/quickbooks-session.ts";
import { createTestConnector, createTestPlatform } from "../../../test/helpers/test-connector.ts";
import type { Connector } from "../../connectors/contract.ts";
import { quickBooksOnlineConnector } from "../../connectors/quickbooks-online/index.ts";
import type { QuickBooksOnlineSandbox } from "../../sandboxes/quickbooks-online/index.ts";
import { postPendingOnce } from "./runner.ts";

/** Posting sales to QuickBooks over real HTTP against the sandbox (workers off: tests drive each step). */
let qbo: QuickBooksOnlineSandbox;
let hub: TestHub;
let api: Api;
let skuA: string;
let skuB: string;
let books: string;
let orderSeq = 0;

const qty = (sku: string) => Number(qbo.control.findItem({ sku })?.QtyOnHand);
const receipts = (docNumber: string) =>
  qbo.control.posted().SalesReceipt.filter((r) => r.DocNumber === docNumber);
type Line = { Amount: number; SalesItemLineDetail?: { Qty: number; ItemRef: { value: string } } };

async function connect(platform: "test" | "quickbooks-online", name: string, mode: string) {
  const credentials = platform === "test" ? { token: "good-token" } : credentialsFor(qbo);
  const res = await api.post("/api/v1/connections", { platform, name, credentials });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  if (mode !== "test") await api.post(`/api/v1/connections/${res.body.id}/mode`, { mode });
  return res.body.id as string;
}

async function channel(name: string, settings: Record<string, unknown>, booksId = books) {
  const id = await connect("test", name, "live");
  const res = await hub.app.inject({
    method: "PUT",
    url: `/api/v1/connections/${id}/order-settings`,
    headers: { ...apiHeaders, "content-type": "application/json" },
    payload: { booksConnectionId: booksId, ...settings },
  });
  expect(res.statusCode, res.body).toBe(200);
  return id;
}
let apiHeaders: Record<string, string>;

async function order(
  connectionId: string,
  placedAt: string,
  lines: { sku: string; quantity: number; unitPriceMinor: number }[],
) {
  orderSeq += 1;
  const res = await api.post("/api/v1/orders", {
    connectionId,
    platformOrderId: `p-${orderSeq}`,
    orderNumber: `#${1000 + orderSeq}`,
    placedAt,
    currency: "USD",
    customer: { name: "Ada Lovelace" },
    lines,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { id: res.body.orderId as string, number: `#${1000 + orderSeq}` };
}

const sync = (connectionId: string, from: string, to = from) =>
  api.post("/api/v1/books/sync", { connectionId, from, to });

beforeAll(async () => {
  qbo = await startCompany({ items: 10 });
  const page = await sessionFor(qbo).session.listProducts({});
  [skuA, skuB] = page.items.map((p) => p.sku) as [string, string];
  hub = await startTestHub({
    env: { STOCKWIRE_ALLOW_PRIVATE_URLS: "1" },
    connectors: {
      test: createTestConnector(createTestPlatform()) as Connector<unknown>,
      "quickbooks-online": quickBooksOnlineConnector as Connector<unknown>,
    },
  });
  const tenant = await createTenant(hub);
  api = apiFor(hub.app, tenant);
  apiHeaders = tenant.auth;
  const products = ["NOPE-1", skuA, skuB].map((sku) => ({ sku, name: sku, quantity: 1000 }));
  expect((await api.post("/api/v1/products/import", { products })).status).toBeLessThan(300);
  books = await connect("quickbooks-online", "Books", "live");
}, 60_000);
afterAll(async () => {
  await hub?.close();
  await qbo?.close();
});

describe("daily summaries", () => {
  let shop: string;
  let summaryDoc: string;
  it("posts one receipt per day with lines grouped by SKU and the order numbers listed", async () => {
    shop = await channel("Summary shop", {});
    const [beforeA, beforeB] = [qty(skuA), qty(skuB)];
    const o1 = await order(shop, "2024-03-10T09:00:00Z", [{ sku: skuA, quantity: 2, unitPriceMinor: 1000 }]);
    const o2 = await order(shop, "2024-03-10T15:00:00Z", [
      { sku: skuA, quantity: 3, unitPriceMinor: 1000 },
      { sku: skuB, quantity: 1, unitPriceMinor: 550 },
    ]);
    const res = await sync(shop, "2024-03-10");
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.outcomes.posted).toBe(1);
    summaryDoc = `S20240310-${shop.slice(0, 4)}`;
    const [receipt] = receipts(summaryDoc);
    const lines = (receipt!.Line as Line[]).filter((l) => l.SalesItemLineDetail);
    expect(lines.map((l) => l.SalesItemLineDetail!.Qty).sort()).toEqual([1, 5]);
    expect(receipt!.TotalAmt).toBe(55.5);
    expect(receipt!.PrivateNote).toContain(o1.number);
    expect(receipt!.PrivateNote).toContain(o2.number);
    expect([beforeA - qty(skuA), beforeB - qty(skuB)]).toEqual([5, 1]);
    const list = await api.get(`/api/v1/books/summaries?connectionId=${shop}`);
    expect(list.body.items[0].orders.map((o: { orderNumber: string }) => o.orderNumber).sort()).toEqual(
      [o1.number, o2.number].sort(),
    );
  });

  it("lists a month's summary under a date range inside that month", async () => {
    const monthly = await channel("Monthly shop", { grouping: "month" });
    await order(monthly, "2024-02-10T09:00:00Z", [{ sku: skuA, quantity: 1, unitPriceMinor: 1000 }]);
    const res = await sync(monthly, "2024-02-01", "2024-02-29");
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const listed = async (query: string) =>
      (await api.get(`/api/v1/books/summaries?connectionId=${monthly}&${query}`)).body.items.map(
        (i: { periodKey: string }) => i.periodKey,
      );
    expect(await listed("from=2024-02-05&to=2024-02-20")).toEqual(["2024-02"]);
    expect(await listed("from=2024-03-01")).toEqual([]);
    expect(await listed("to=2024-01-31")).toEqual([]);
  });

  it("re-syncing the period posts nothing twice", async () => {
    const res = await sync(shop, "2024-03-09", "2024-03-11");
    expect(res.body.outcomes.posted).toBe(0);
    expect(receipts(summaryDoc)).toHaveLength(1);
  });

  it("re-summarising after a late order deletes and recreates the receipt", async () => {
    const before = qty(skuB);
    await order(shop, "2024-03-10T20:00:00Z", [{ sku: skuB, quantity: 2, unitPriceMinor: 550 }]);
    const [summary] = (await api.get(`/api/v1/books/summaries?connectionId=${shop}`)).body.items;
    const res = await api.post(`/api/v1/books/summaries/${summary.id}/resummarize`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.outcomes).toEqual(["posted"]);
    const live = receipts(summaryDoc);
    expect(live).toHaveLength(1);
    expect(live[0]!.TotalAmt).toBe(66.5);
    expect(before - qty(skuB)).toBe(2);
    const postings = await api.get(`/api/v1/books/postings?channelConnectionId=${shop}`);
    expect(postings.body.items).toHaveLength(1);
    expect(postings.body.items[0]).toMatchObject({ status: "posted", generation: 2 });
  });

  const resummarize = async () => {
    const [summary] = (await api.get(`/api/v1/books/summaries?connectionId=${shop}`)).body.items;
    return api.post(`/api/v1/books/summaries/${summary.id}/resummarize`);
  };

  it("re-summarising a receipt an accountant edited since deletes the current version (BooksError stale)", async () => {
    const [live] = receipts(summaryDoc);
    const [edit] = await sessionFor(qbo)
      .session.books()
      .batch(
        [
          {
            operation: "update",
            entity: "SalesReceipt",
            body: { Id: live!.Id, SyncToken: live!.SyncToken, sparse: true, PrivateNote: "checked" },
          },
        ],
        { idempotencyKey: "accountant-edit" },
      );
    expect(edit?.fault).toBeUndefined();
    // The hub's posting still holds the old SyncToken: its delete is refused as stale.
    expect(edit?.entity?.SyncToken).not.toBe(live!.SyncToken);
    const res = await resummarize();
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.outcomes).toEqual(["posted"]);
    const [again] = receipts(summaryDoc);
    expect(receipts(summaryDoc)).toHaveLength(1);
    expect(again!.Id).not.toBe(live!.Id);
    expect(again!.TotalAmt).toBe(66.5);
  });

  it("re-summarising a receipt already deleted in QuickBooks posts it again (BooksError not_found)", async () => {
    const [live] = receipts(summaryDoc);
    await sessionFor(qbo).session.books().deleteSalesReceipt(String(live!.Id), String(live!.SyncToken));
    expect(receipts(summaryDoc)).toHaveLength(0);
    const res = await resummarize();
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.outcomes).toEqual(["posted"]);
    expect(receipts(summaryDoc)).toHaveLength(1);
    expect(receipts(summaryDoc)[0]!.TotalAmt).toBe(66.5);
  });
});

describe("individual postings and refunds", () => {
  it("posts one receipt per order as it arrives, and once only", async () => {
    const shop = await channel("Individual shop", { postingMode: "individual" });
    const o = await order(shop, "2024-04-02T10:00:00Z", [{ sku: skuA, quantity: 1, unitPriceMinor: 1000 }]);
    await postPendingOnce(hub.ctx);
    const docNumber = o.number.replace("#", "");
    expect(receipts(docNumber)).toHaveLength(1);
    expect((await sync(shop, "2024-04-02")).body.outcomes.posted).toBe(0);
    expect(receipts(docNumber)).toHaveLength(1);

    const refund = await api.post(`/api/v1/orders/${o.id}/refunds`, {
      currency: "USD",
      lines: [{ sku: skuA, quantity: 1, restock: true }],
    });
    expect(refund.status).toBe(201);
    await postPendingOnce(hub.ctx);
    await postPendingOnce(hub.ctx);
    await sync(shop, "2024-04-01", new Date().toISOString().slice(0, 10));
    const refunds = qbo.control
      .posted()
      .RefundReceipt.filter((r) => String(r.PrivateNote).includes(o.number));
    expect(refunds).toHaveLength(1);
    expect(refunds[0]!.TotalAmt).toBe(10);
  });
});

describe("failures and modes", () => {
  it("an unknown SKU raises an error issue, posts nothing, and posts once the item exists", async () => {
    const shop = await channel("Unknown shop", {});
    await order(shop, "2024-03-12T10:00:00Z", [
      { sku: skuA, quantity: 1, unitPriceMinor: 1000 },
      { sku: "NOPE-1", quantity: 1, unitPriceMinor: 100 },
    ]);
    const before = qty(skuA);
    const first = await sync(shop, "2024-03-12");
    expect(first.body.outcomes.failed).toBe(1);
    const doc = `S20240312-${shop.slice(0, 4)}`;
    expect(receipts(doc)).toHaveLength(0);
    expect(qty(skuA)).toBe(before);
    const issues = await api.get(`/api/v1/sync/issues?connectionId=${books}`);
    const issue = issues.body.items.find((i: { subjectId: string }) => i.subjectId === "NOPE-1");
    expect(issue).toMatchObject({ severity: "error", message: "SKU NOPE-1 has no item in QuickBooks" });
    const syncLog = async () =>
      (await api.get(`/api/v1/sync-log?connectionId=${books}&sku=NOPE-1`)).body.items;
    expect(await syncLog()).toEqual([
      expect.objectContaining({ direction: "push", result: "failed", severity: "error" }),
    ]);

    qbo.control.createItem({ Name: "Nope", Sku: "NOPE-1", QtyOnHand: 5, UnitPrice: 1 });
    expect((await sync(shop, "2024-03-12")).body.outcomes.posted).toBe(1);
    expect(receipts(doc)).toHaveLength(1);
    const after = await api.get(`/api/v1/sync/issues?connectionId=${books}`);
    expect(after.body.items.find((i: { subjectId: string }) => i.subjectId === "NOPE-1")).toBeUndefined();
    expect(await syncLog()).toEqual([expect.objectContaining({ direction: "push", result: "ok" })]);
  });

  it("posts nothing while the books connection is in test mode", async () => {
    const testBooks = await connect("quickbooks-online", "Books (test)", "test");
    const shop = await channel("Test-mode shop", {}, testBooks);
    await order(shop, "2024-03-13T10:00:00Z", [{ sku: skuA, quantity: 1, unitPriceMinor: 1000 }]);
    const res = await sync(shop, "2024-03-13");
    expect(res.body).toMatchObject({ mode: "test", outcomes: { posted: 0, preview: 0 } });
    expect(receipts(`S20240313-${shop.slice(0, 4)}`)).toHaveLength(0);
    expect((await api.get(`/api/v1/books/postings?booksConnectionId=${testBooks}`)).body.items).toEqual([]);
  });

  it("records previews in shadow mode instead of posting", async () => {
    const shadowBooks = await connect("quickbooks-online", "Books (shadow)", "shadow");
    const shop = await channel("Shadow shop", {}, shadowBooks);
    await order(shop, "2024-03-14T10:00:00Z", [{ sku: skuA, quantity: 4, unitPriceMinor: 1000 }]);
    expect((await sync(shop, "2024-03-14")).body.outcomes.preview).toBe(1);
    expect(receipts(`S20240314-${shop.slice(0, 4)}`)).toHaveLength(0);
    const previews = await api.get(`/api/v1/connections/${shadowBooks}/previews`);
    expect(previews.body.items[0]).toMatchObject({ kind: "books.SalesReceipt" });
    expect(previews.body.items[0].payload.items).toEqual([{ sku: skuA, quantity: 4, unitPriceMinor: 1000 }]);
  });

  it("refuses a manual range longer than four months", async () => {
    const res = await sync(books, "2024-01-01", "2024-06-01");
    expect(res.status).toBe(400);
    expect(res.body.detail).toMatch(/at most 4 months/);
  });
});

describe("document kinds", () => {
  it("posts an individual order as an Invoice and its refund as a CreditMemo when set", async () => {
    const shop = await channel("Invoice shop", {
      postingMode: "individual",
      saleDocument: "Invoice",
      refundDocument: "CreditMemo",
    });
    const settings = await api.get(`/api/v1/connections/${shop}/order-settings`);
    expect(settings.body).toMatchObject({ saleDocument: "Invoice", refundDocument: "CreditMemo" });
    const before = qty(skuB);
    const o = await order(shop, "2024-04-03T10:00:00Z", [{ sku: skuB, quantity: 3, unitPriceMinor: 700 }]);
    await postPendingOnce(hub.ctx);
    const invoices = qbo.control.posted().Invoice.filter((r) => r.DocNumber === o.number.replace("#", ""));
    expect(invoices).toHaveLength(1);
    expect(invoices[0]!.TotalAmt).toBe(21);
    expect(receipts(o.number.replace("#", ""))).toHaveLength(0);
    expect(before - qty(skuB)).toBe(3);

    const refund = await api.post(`/api/v1/orders/${o.id}/refunds`, {
      currency: "USD",
      lines: [{ sku: skuB, quantity: 1, restock: true }],
    });
    expect(refund.status).toBe(201);
    await postPendingOnce(hub.ctx);
    await postPendingOnce(hub.ctx);
    const memos = qbo.control.posted().CreditMemo.filter((r) => String(r.PrivateNote).includes(o.number));
    expect(memos).toHaveLength(1);
    expect(memos[0]!.TotalAmt).toBe(7);
    expect(before - qty(skuB)).toBe(2);
  });

  it("refuses an unknown document kind and keeps the settings", async () => {
    const shop = await channel("Kind check shop", {});
    const res = await hub.app.inject({
      method: "PUT",
      url: `/api/v1/connections/${shop}/order-settings`,
      headers: { ...apiHeaders, "content-type": "application/json" },
      payload: { saleDocument: "Bill" },
    });
    expect(res.statusCode).toBe(400);
    const settings = await api.get(`/api/v1/connections/${shop}/order-settings`);
    expect(settings.body).toMatchObject({ saleDocument: "SalesReceipt", refundDocument: "RefundReceipt" });
  });
});

describe("refunds and summaries", () => {
  const refundsOf = (orderNumber: string) =>
    qbo.control.posted().RefundReceipt.filter((r) => String(r.PrivateNote).includes(`order ${orderNumber}`));

  it("a refund after the summary posted adjusts it by reference; the books equal orders net of refunds", async () => {
    const shop = await channel("Refund-after shop", {});
    const o = await order(shop, "2024-03-20T10:00:00Z", [{ sku: skuA, quantity: 4, unitPriceMinor: 1250 }]);
    expect((await sync(shop, "2024-03-20")).body.outcomes.posted).toBe(1);
    const doc = `S20240320-${shop.slice(0, 4)}`;
    expect(receipts(doc)[0]!.TotalAmt).toBe(50);

    const res = await api.post(`/api/v1/orders/${o.id}/refunds`, {
      currency: "USD",
      lines: [{ sku: skuA, quantity: 1, restock: false }],
    });
    expect(res.status).toBe(201);
    await postPendingOnce(hub.ctx);
    await postPendingOnce(hub.ctx);
    const [refund] = refundsOf(o.number);
    expect(refund!.PrivateNote).toContain(`in summary ${doc}`);
    expect(Number(receipts(doc)[0]!.TotalAmt) - Number(refund!.TotalAmt)).toBe(37.5);
  });

  it("a refund before the day is summarised posts on its own, and the summary still holds the whole order", async () => {
    const shop = await channel("Refund-before shop", {});
    const o = await order(shop, "2024-03-21T10:00:00Z", [{ sku: skuA, quantity: 2, unitPriceMinor: 900 }]);
    const res = await api.post(`/api/v1/orders/${o.id}/refunds`, {
      currency: "USD",
      lines: [{ sku: skuA, quantity: 2, restock: true }],
    });
    expect(res.status).toBe(201);
    await postPendingOnce(hub.ctx);
    await postPendingOnce(hub.ctx);
    const [refund] = refundsOf(o.number);
    expect(refund!.TotalAmt).toBe(18);
    expect(refund!.PrivateNote).not.toContain("in summary");

    expect((await sync(shop, "2024-03-21")).body.outcomes.posted).toBe(1);
    const doc = `S20240321-${shop.slice(0, 4)}`;
    expect(receipts(doc)[0]!.TotalAmt).toBe(18);
    expect(refundsOf(o.number)).toHaveLength(1);
  });
});
