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

async function qtyOnHand(itemId = FIRST_INVENTORY_ITEM_ID): Promise<number | undefined> {
  return (await api.get(`item/${itemId}`)).body.Item?.QtyOnHand;
}

function firstError(body: { Fault?: { Error: Array<{ code: string; Message: string; Detail: string }> } }) {
  return body.Fault?.Error[0];
}

describe("sales documents move stock", () => {
  it("decrements QtyOnHand for a sales receipt and restores it when the receipt is deleted", async () => {
    const before = await qtyOnHand();
    const created = await api.post("salesreceipt", {
      DocNumber: "SW-1001",
      TxnDate: "2026-11-20",
      CustomerRef: { value: "1" },
      PrivateNote: "Shopify order #1001",
      Line: [salesLine(FIRST_INVENTORY_ITEM_ID, 3, 12.5)],
    });
    expect(created.status).toBe(200);
    const receipt = created.body.SalesReceipt;
    expect(receipt).toMatchObject({
      DocNumber: "SW-1001",
      TxnDate: "2026-11-20",
      TotalAmt: 37.5,
      SyncToken: "0",
    });
    expect(receipt?.Line?.at(-1)).toMatchObject({ DetailType: "SubTotalLineDetail", Amount: 37.5 });
    expect(await qtyOnHand()).toBe((before ?? 0) - 3);

    const deleted = await api.post(
      "salesreceipt",
      { Id: receipt?.Id, SyncToken: "0" },
      { operation: "delete" },
    );
    expect(deleted.body.SalesReceipt).toEqual({ domain: "QBO", status: "Deleted", Id: receipt?.Id });
    expect(await qtyOnHand()).toBe(before);
    expect(firstError((await api.get(`salesreceipt/${receipt?.Id}`)).body)?.code).toBe("610");
  });

  it("voids an invoice: zero amounts, a 'Voided' note and the stock back", async () => {
    const before = await qtyOnHand();
    const created = await api.post("invoice", {
      CustomerRef: { value: "2" },
      Line: [salesLine(FIRST_INVENTORY_ITEM_ID, 2, 10)],
    });
    expect(await qtyOnHand()).toBe((before ?? 0) - 2);
    const invoice = created.body.Invoice;
    const voided = await api.post(
      "invoice",
      { Id: invoice?.Id, SyncToken: invoice?.SyncToken },
      { operation: "void" },
    );
    expect(voided.body.Invoice).toMatchObject({ TotalAmt: 0, PrivateNote: "Voided", SyncToken: "1" });
    expect(await qtyOnHand()).toBe(before);
  });

  it("applies only the difference when a receipt's lines change", async () => {
    const before = (await qtyOnHand()) ?? 0;
    const created = await api.post("salesreceipt", { Line: [salesLine(FIRST_INVENTORY_ITEM_ID, 1, 5)] });
    const receipt = created.body.SalesReceipt;
    await api.post("salesreceipt", {
      Id: receipt?.Id,
      SyncToken: receipt?.SyncToken,
      sparse: true,
      Line: [salesLine(FIRST_INVENTORY_ITEM_ID, 4, 5)],
    });
    expect(await qtyOnHand()).toBe(before - 4);
  });

  it("increments QtyOnHand for refund receipts and credit memos", async () => {
    const before = (await qtyOnHand()) ?? 0;
    const refund = await api.post("refundreceipt", {
      DepositToAccountRef: { value: "9" },
      Line: [salesLine(FIRST_INVENTORY_ITEM_ID, 2, 8)],
    });
    expect(refund.status).toBe(200);
    const credit = await api.post("creditmemo", {
      CustomerRef: { value: "1" },
      Line: [salesLine(FIRST_INVENTORY_ITEM_ID, 1, 8)],
    });
    expect(credit.status).toBe(200);
    expect(await qtyOnHand()).toBe(before + 3);
  });

  it("adjusts stock with an InventoryAdjustment", async () => {
    const before = (await qtyOnHand()) ?? 0;
    const adjustment = await api.post("inventoryadjustment", {
      AdjustAccountRef: { value: "6" },
      Line: [
        {
          DetailType: "ItemAdjustmentLineDetail",
          ItemAdjustmentLineDetail: { ItemRef: { value: FIRST_INVENTORY_ITEM_ID }, QtyDiff: -5 },
        },
      ],
    });
    expect(adjustment.status).toBe(200);
    expect(await qtyOnHand()).toBe(before - 5);
  });

  it("leaves service items' quantities alone", async () => {
    const created = await api.post("salesreceipt", { Line: [salesLine("2", 1, 4.95)] });
    expect(created.status).toBe(200);
    expect((await api.get("item/2")).body.Item?.QtyOnHand).toBeUndefined();
  });
});

describe("validation faults", () => {
  it("rejects an unknown ItemRef with 2500 Invalid Reference Id and moves no stock", async () => {
    const before = await qtyOnHand();
    const response = await api.post("salesreceipt", { Line: [salesLine("9999", 1, 5)] });
    expect(response.status).toBe(400);
    expect(response.body.Fault?.type).toBe("ValidationFault");
    expect(firstError(response.body)).toMatchObject({ code: "2500", Message: "Invalid Reference Id" });
    expect(await qtyOnHand()).toBe(before);
  });

  it("names the missing field with 2020", async () => {
    expect(firstError((await api.post("salesreceipt", { DocNumber: "X" })).body)).toMatchObject({
      code: "2020",
      Detail: "Required parameter Line is missing in the request",
    });
    const invoice = await api.post("invoice", { Line: [salesLine(FIRST_INVENTORY_ITEM_ID, 1, 5)] });
    expect(firstError(invoice.body)?.Detail).toBe("Required parameter CustomerRef is missing in the request");
    const refund = await api.post("refundreceipt", { Line: [salesLine(FIRST_INVENTORY_ITEM_ID, 1, 5)] });
    expect(firstError(refund.body)?.Detail).toBe(
      "Required parameter DepositToAccountRef is missing in the request",
    );
    const item = await api.post("item", { Type: "Inventory" });
    expect(firstError(item.body)?.Detail).toBe("Required parameter Name is missing in the request");
  });

  it("rejects an Amount that is not Qty × UnitPrice", async () => {
    const line = { ...salesLine(FIRST_INVENTORY_ITEM_ID, 2, 5), Amount: 11 };
    expect(firstError((await api.post("salesreceipt", { Line: [line] })).body)?.code).toBe("6070");
  });

  it("rejects a duplicate item name with 6240", async () => {
    const existing = (await api.get(`item/${FIRST_INVENTORY_ITEM_ID}`)).body.Item;
    const response = await api.post("item", {
      Name: existing?.Name?.toUpperCase(),
      Type: "Service",
      IncomeAccountRef: { value: "2" },
    });
    expect(firstError(response.body)).toMatchObject({ code: "6240", Message: "Duplicate Name Exists Error" });
  });

  it("rejects a reused DocNumber with 6140 once the company asks for it", async () => {
    const body = { DocNumber: "SW-7", Line: [salesLine(FIRST_INVENTORY_ITEM_ID, 1, 5)] };
    expect((await api.post("salesreceipt", body)).status).toBe(200);
    expect((await api.post("salesreceipt", body)).status).toBe(200);
    sandbox.control.setPreferences({ duplicateDocNumberCheck: true });
    expect(firstError((await api.post("salesreceipt", body)).body)?.code).toBe("6140");
  });

  it("does not delete items", async () => {
    const item = (await api.get(`item/${FIRST_INVENTORY_ITEM_ID}`)).body.Item;
    const response = await api.post(
      "item",
      { Id: item?.Id, SyncToken: item?.SyncToken },
      { operation: "delete" },
    );
    expect(firstError(response.body)).toMatchObject({ code: "500", Message: "Unsupported Operation" });
  });
});
