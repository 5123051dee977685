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

const receiptOp = (bId: string, itemId: string) => ({
  bId,
  operation: "create",
  SalesReceipt: { Line: [salesLine(itemId, 1, 5)] },
});

describe("POST /batch", () => {
  it("runs items in order and answers each with its entity, query result or own Fault", async () => {
    const response = await api.post("batch", {
      BatchItemRequest: [
        receiptOp("r1", FIRST_INVENTORY_ITEM_ID),
        receiptOp("r2", "9999"),
        { bId: "q1", Query: `SELECT * FROM Item WHERE Id = '${FIRST_INVENTORY_ITEM_ID}'` },
      ],
    });
    expect(response.status).toBe(200);
    const [created, failed, queried] = response.body.BatchItemResponse ?? [];
    expect(created?.bId).toBe("r1");
    expect(created?.SalesReceipt?.TotalAmt).toBe(5);
    expect(failed).toMatchObject({
      bId: "r2",
      Fault: { type: "ValidationFault", Error: [{ code: "2500" }] },
    });
    expect(queried?.bId).toBe("q1");
    expect(queried?.QueryResponse?.Item).toEqual([expect.objectContaining({ SyncToken: "1" })]);
  });

  it("accepts 30 operations and rejects 31", async () => {
    const thirty = Array.from({ length: 30 }, (_, i) => receiptOp(`b${i}`, FIRST_INVENTORY_ITEM_ID));
    const ok = await api.post("batch", { BatchItemRequest: thirty });
    expect(ok.body.BatchItemResponse).toHaveLength(30);
    const tooMany = await api.post("batch", {
      BatchItemRequest: [...thirty, receiptOp("b30", FIRST_INVENTORY_ITEM_ID)],
    });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.Fault?.type).toBe("ValidationFault");
    expect(sandbox.control.posted().SalesReceipt).toHaveLength(30);
  });

  it("does not let a later item see a row created earlier in the same batch", async () => {
    const response = await api.post("batch", {
      BatchItemRequest: [
        {
          bId: "item",
          operation: "create",
          Item: { Name: "Gift Wrap", Type: "Service", IncomeAccountRef: { value: "2" } },
        },
        receiptOp("sale", "13"),
      ],
    });
    const [item, sale] = response.body.BatchItemResponse ?? [];
    expect(item?.Item?.Id).toBe("13");
    expect(sale?.Fault?.Error[0]?.code).toBe("2500");
    expect((await api.post("salesreceipt", { Line: [salesLine("13", 1, 5)] })).status).toBe(200);
  });

  it("updates and deletes inside a batch with SyncToken checks", async () => {
    const item = (await api.get(`item/${FIRST_INVENTORY_ITEM_ID}`)).body.Item;
    const response = await api.post("batch", {
      BatchItemRequest: [
        {
          bId: "u1",
          operation: "update",
          Item: { Id: item?.Id, SyncToken: item?.SyncToken, sparse: true, Sku: "X-1" },
        },
        {
          bId: "u2",
          operation: "update",
          Item: { Id: item?.Id, SyncToken: item?.SyncToken, sparse: true, Sku: "X-2" },
        },
      ],
    });
    const [first, second] = response.body.BatchItemResponse ?? [];
    expect(first?.Item?.Sku).toBe("X-1");
    expect(second?.Fault?.Error[0]?.code).toBe("5010");
  });
});
