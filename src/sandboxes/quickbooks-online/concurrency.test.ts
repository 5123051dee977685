import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { QuickBooksOnlineSandbox } from "./index.ts";
import {
  FIRST_INVENTORY_ITEM_ID,
  qboApi,
  salesLine,
  startTestSandbox,
  type TestApi,
} from "./test-helpers.ts";

let sandbox: QuickBooksOnlineSandbox;
let api: TestApi;

beforeEach(async () => {
  sandbox = await startTestSandbox();
  api = qboApi(sandbox);
});

afterEach(async () => {
  await sandbox.close();
});

describe("SyncToken optimistic concurrency", () => {
  it("bumps SyncToken on each update and rejects a stale one with 5010", async () => {
    const item = (await api.get(`item/${FIRST_INVENTORY_ITEM_ID}`)).body.Item;
    const first = await api.post("item", {
      Id: item?.Id,
      SyncToken: item?.SyncToken,
      sparse: true,
      UnitPrice: 19.99,
    });
    expect(first.body.Item).toMatchObject({ SyncToken: "1", UnitPrice: 19.99, Name: item?.Name });

    const stale = await api.post("item", {
      Id: item?.Id,
      SyncToken: item?.SyncToken,
      sparse: true,
      UnitPrice: 1,
    });
    expect(stale.status).toBe(400);
    expect(stale.body.Fault).toMatchObject({
      type: "ValidationFault",
      Error: [{ code: "5010", Message: "Stale Object Error" }],
    });
    expect((await api.get(`item/${FIRST_INVENTORY_ITEM_ID}`)).body.Item?.UnitPrice).toBe(19.99);
  });

  it("treats a sale's stock movement as an item change, so an older item SyncToken goes stale", async () => {
    const item = (await api.get(`item/${FIRST_INVENTORY_ITEM_ID}`)).body.Item;
    await api.post("salesreceipt", { Line: [salesLine(FIRST_INVENTORY_ITEM_ID, 1, 5)] });
    const update = await api.post("item", {
      Id: item?.Id,
      SyncToken: item?.SyncToken,
      sparse: true,
      Sku: "NEW",
    });
    expect(update.body.Fault?.Error[0]?.code).toBe("5010");
  });

  it("requires SyncToken on updates", async () => {
    const response = await api.post("item", { Id: FIRST_INVENTORY_ITEM_ID, sparse: true, UnitPrice: 1 });
    expect(response.body.Fault?.Error[0]).toMatchObject({ code: "2020" });
  });
});

describe("requestid idempotency", () => {
  it("replays the first answer for a repeated requestid without posting twice", async () => {
    const before = (await api.get(`item/${FIRST_INVENTORY_ITEM_ID}`)).body.Item?.QtyOnHand ?? 0;
    const body = { DocNumber: "SW-42", Line: [salesLine(FIRST_INVENTORY_ITEM_ID, 2, 5)] };
    const first = await api.post("salesreceipt", body, { requestid: "3f1a6c1e-retry" });
    const second = await api.post("salesreceipt", body, { requestid: "3f1a6c1e-retry" });
    expect(second.status).toBe(200);
    expect(second.body).toEqual(first.body);
    expect(sandbox.control.posted().SalesReceipt).toHaveLength(1);
    expect((await api.get(`item/${FIRST_INVENTORY_ITEM_ID}`)).body.Item?.QtyOnHand).toBe(before - 2);
    const replayed = sandbox.control.requestLog().entries.filter((entry) => entry.replayed);
    expect(replayed).toHaveLength(1);

    const other = await api.post("salesreceipt", body, { requestid: "another-id" });
    expect(other.body.SalesReceipt?.Id).not.toBe(first.body.SalesReceipt?.Id);
  });

  it("replays a fault too, and rejects request ids over 50 characters", async () => {
    const bad = { Line: [salesLine("9999", 1, 5)] };
    const first = await api.post("salesreceipt", bad, { requestid: "fault-once" });
    const second = await api.post(
      "salesreceipt",
      { Line: [salesLine(FIRST_INVENTORY_ITEM_ID, 1, 5)] },
      { requestid: "fault-once" },
    );
    expect(second.status).toBe(400);
    expect(second.body).toEqual(first.body);

    const tooLong = await api.post("salesreceipt", bad, { requestid: "x".repeat(51) });
    expect(tooLong.body.Fault?.Error[0]?.code).toBe("6000");
  });
});
