import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { QuickBooksOnlineSandbox } from "./index.ts";
import {
  FIRST_INVENTORY_ITEM_ID,
  qboApi,
  salesLine,
  startTestSandbox,
  type TestApi,
} from "./test-helpers.ts";

const DAY = 86_400_000;

let sandbox: QuickBooksOnlineSandbox;
let api: TestApi;
let clock: Date;

beforeEach(async () => {
  clock = new Date("2026-06-15T16:00:00Z");
  sandbox = await startTestSandbox({ now: () => clock, items: 1100 });
  api = qboApi(sandbox);
});

afterEach(async () => {
  await sandbox.close();
});

function cdc(entities: string, changedSince: string) {
  return api.get("cdc", { entities, changedSince });
}

describe("GET /cdc", () => {
  it("returns what changed since the given time, deletions included", async () => {
    const since = new Date(clock.getTime() - 1000).toISOString();
    sandbox.control.advanceClock(5_000);
    const created = await api.post("salesreceipt", { Line: [salesLine(FIRST_INVENTORY_ITEM_ID, 1, 5)] });
    const kept = await api.post("salesreceipt", { Line: [salesLine("4", 1, 5)] });
    const receipt = created.body.SalesReceipt;
    await api.post(
      "salesreceipt",
      { Id: receipt?.Id, SyncToken: receipt?.SyncToken },
      { operation: "delete" },
    );

    const response = await cdc("Item,SalesReceipt,Customer", since);
    expect(response.status).toBe(200);
    const [items, receipts, customers] = response.body.CDCResponse?.[0]?.QueryResponse ?? [];
    expect(items).toMatchObject({ startPosition: 1, maxResults: 2 });
    expect(Array.isArray(items?.Item) && items.Item.map((item) => item.Id)).toEqual([
      FIRST_INVENTORY_ITEM_ID,
      "4",
    ]);
    expect(receipts?.SalesReceipt).toEqual([
      expect.objectContaining({ Id: kept.body.SalesReceipt?.Id }),
      {
        domain: "QBO",
        status: "Deleted",
        Id: receipt?.Id,
        MetaData: { LastUpdatedTime: expect.any(String) },
      },
    ]);
    expect(customers).toEqual({});
  });

  it("refuses a changedSince more than 30 days back", async () => {
    const ok = await cdc("Item", new Date(clock.getTime() - 30 * DAY).toISOString());
    expect(ok.status).toBe(200);
    const tooOld = await cdc("Item", new Date(clock.getTime() - 31 * DAY).toISOString());
    expect(tooOld.status).toBe(400);
    expect(tooOld.body.Fault?.Error[0]?.Detail).toMatch(/older than fixed days is not supported/);
  });

  it("stops at 1,000 objects across all entities", async () => {
    const since = clock.toISOString();
    for (let id = 3; id <= 1002; id += 1) sandbox.control.editItem({ id: String(id) }, { UnitPrice: 1 });
    await api.post("salesreceipt", { Line: [salesLine("1003", 1, 5)] });
    const [items, receipts] =
      (await cdc("Item,SalesReceipt", since)).body.CDCResponse?.[0]?.QueryResponse ?? [];
    expect(items?.maxResults).toBe(1000);
    expect(receipts).toEqual({});
  });

  it("requires entities and changedSince", async () => {
    expect((await api.get("cdc", { entities: "Item" })).body.Fault?.Error[0]?.code).toBe("2020");
  });
});
