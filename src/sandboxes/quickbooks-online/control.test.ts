import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { QuickBooksOnlineSandbox } from "./index.ts";
import { qboApi, salesLine, startTestSandbox, type TestEntity } from "./test-helpers.ts";

let sandbox: QuickBooksOnlineSandbox;

beforeEach(async () => {
  sandbox = await startTestSandbox();
});

afterEach(async () => {
  await sandbox.close();
});

async function control(
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; json: unknown }> {
  const response = await fetch(`${sandbox.url}/_sandbox${path}`, {
    method,
    ...(body === undefined
      ? {}
      : { headers: { "content-type": "application/json" }, body: JSON.stringify(body) }),
  });
  return { status: response.status, json: await response.json() };
}

describe("control API over HTTP", () => {
  it("finds an item by SKU and edits it the way an accountant would", async () => {
    const sku = String(sandbox.control.findItem({ id: "5" })?.Sku);
    const found = await control("GET", `/items?sku=${encodeURIComponent(sku)}`);
    expect(found).toMatchObject({ status: 200, json: { Id: "5", Sku: sku } });

    const edited = await control("PATCH", `/items?sku=${encodeURIComponent(sku)}`, {
      QtyOnHand: 3,
      Name: "Hand-counted",
    });
    expect(edited.json).toMatchObject({ Id: "5", QtyOnHand: 3, Name: "Hand-counted", SyncToken: "1" });
    const viaApi = await qboApi(sandbox).get("item/5");
    expect(viaApi.body.Item).toMatchObject({ QtyOnHand: 3, Name: "Hand-counted" });
    expect((await control("GET", "/items?name=hand-counted")).json).toMatchObject({ Id: "5" });
    expect((await control("GET", "/items?sku=NOPE")).status).toBe(404);
  });

  it("creates items, refund receipts and credit memos by hand and lists what was posted", async () => {
    const created = await control("POST", "/items", {
      Name: "Canvas Apron",
      Sku: "APR-1",
      QtyOnHand: 4,
      UnitPrice: 20,
    });
    expect(created).toMatchObject({
      status: 201,
      json: { Type: "Inventory", QtyOnHand: 4, TrackQtyOnHand: true },
    });

    const refund = await control("POST", "/refund-receipts", {
      lines: [{ sku: "APR-1", qty: 2 }],
      privateNote: "Return",
    });
    expect(refund).toMatchObject({ status: 201, json: { TotalAmt: 40, PrivateNote: "Return" } });
    await control("POST", "/credit-memos", { lines: [{ sku: "APR-1", qty: 1, unitPrice: 15 }] });
    expect(sandbox.control.findItem({ sku: "APR-1" })?.QtyOnHand).toBe(7);

    await qboApi(sandbox).post("salesreceipt", { Line: [salesLine("3", 1, 5)] });
    const posted = (await control("GET", "/posted")).json as Record<string, TestEntity[]>;
    expect(Object.fromEntries(Object.entries(posted).map(([name, docs]) => [name, docs.length]))).toEqual({
      SalesReceipt: 1,
      Invoice: 0,
      RefundReceipt: 1,
      CreditMemo: 1,
    });
    expect(posted.RefundReceipt?.[0]?.Line?.[0]?.SalesItemLineDetail).toMatchObject({
      Qty: 2,
      UnitPrice: 20,
    });
  });

  it("moves the clock, expires tokens, changes limits and resets", async () => {
    const api = qboApi(sandbox);
    expect((await control("POST", "/tokens/expire")).status).toBe(200);
    expect((await api.get("item/3")).status).toBe(401);

    const before = Date.parse(((await control("GET", "/clock")).json as { now: string }).now);
    const advanced = (await control("POST", "/clock/advance", { ms: 86_400_000 })).json as { now: string };
    expect(Date.parse(advanced.now) - before).toBeGreaterThanOrEqual(86_400_000);

    expect((await control("PATCH", "/limits", { requestsPerMinute: 7 })).json).toMatchObject({
      requestsPerMinute: 7,
    });
    expect((await control("PATCH", "/limits", { requestsPerMinute: "lots" })).status).toBe(400);
    expect((await control("GET", "/requests")).json).toMatchObject({ count: 1, throttled: 0 });

    sandbox.control.editItem({ id: "3" }, { QtyOnHand: 999 });
    expect((await control("POST", "/reset")).status).toBe(200);
    expect(sandbox.control.findItem({ id: "3" })?.QtyOnHand).not.toBe(999);
    expect(sandbox.control.limits().requestsPerMinute).toBe(500);
  });

  it("records the minorversion each call asked for and answers retired ones as 75", async () => {
    const api = qboApi(sandbox);
    expect((await api.get("item/3", { minorversion: "40" })).status).toBe(200);
    expect((await api.get("item/3", { minorversion: "75" })).status).toBe(200);
    const entries = sandbox.control.requestLog().entries;
    expect(entries.map((entry) => [entry.minorVersion, entry.effectiveMinorVersion])).toEqual([
      [40, 75],
      [75, 75],
    ]);
  });

  it("manages webhook subscriptions", async () => {
    const subscribed = await control("POST", "/webhooks", {
      url: "http://127.0.0.1:9/hook",
      format: "legacy",
    });
    expect(subscribed.status).toBe(201);
    const { id } = subscribed.json as { id: string };
    expect((await control("DELETE", `/webhooks/${id}`)).status).toBe(200);
    expect((await control("DELETE", `/webhooks/${id}`)).status).toBe(404);
    expect((await control("POST", "/webhooks", { url: "not a url" })).status).toBe(400);
  });
});
