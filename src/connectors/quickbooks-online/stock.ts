import type { StockWrite, StockWriteResult } from "../contract.ts";
import { itemsById, QBO_LOCATION_ID } from "./catalog.ts";
import type { QboClient } from "./client.ts";
import { QboFaultError } from "./faults.ts";
import { queryRows, quote } from "./query.ts";
import { requestIdFor } from "./request-id.ts";
import { accountSchema } from "./schemas.ts";

/** Lines per InventoryAdjustment: the documented batch ceiling, as QuickBooks publishes no line cap (§7.6). */
export const MAX_STOCK_BATCH = 30;
/** The adjustment posts against this account, the one QuickBooks itself uses for quantity adjustments. */
const ADJUST_ACCOUNT_NAME = "Inventory Shrinkage";

/** The account adjustments post against: Inventory Shrinkage, else the first Cost of Goods Sold account. */
export async function findAdjustAccount(client: QboClient): Promise<{ value: string }> {
  const named = await queryRows(
    client,
    "Account",
    `SELECT * FROM Account WHERE Name = ${quote(ADJUST_ACCOUNT_NAME)}`,
    accountSchema,
    "stock",
  );
  const account =
    named[0] ??
    (
      await queryRows(
        client,
        "Account",
        "SELECT * FROM Account WHERE AccountType = 'Cost of Goods Sold' ORDERBY Id MAXRESULTS 1",
        accountSchema,
        "stock",
      )
    )[0];
  if (!account) throw new Error("QuickBooks has no Inventory Shrinkage or Cost of Goods Sold account");
  return { value: account.Id };
}

/**
 * Sets absolute quantities with one InventoryAdjustment (the documented way, §7.6): reads each
 * item's QtyOnHand, posts the differences as `QtyDiff` lines. Not compare-and-set: an edit made in
 * QuickBooks between the read and the post is adjusted on top of.
 */
export async function writeStock(
  client: QboClient,
  writes: StockWrite[],
  idempotencyKey: string,
  adjustAccount: () => Promise<{ value: string }>,
): Promise<StockWriteResult[]> {
  if (writes.length > MAX_STOCK_BATCH)
    throw new RangeError(`at most ${MAX_STOCK_BATCH} stock writes per call`);
  const items = await itemsById(
    client,
    writes.filter((w) => w.locationId === QBO_LOCATION_ID).map((w) => w.inventoryItemId),
  );
  const results = new Map<StockWrite, StockWriteResult>();
  const lines: { write: StockWrite; diff: number }[] = [];
  for (const write of writes) {
    const item = items.get(write.inventoryItemId);
    const fail = (message: string) =>
      results.set(write, { sku: write.sku, status: "failed", retryable: false, message });
    if (write.locationId !== QBO_LOCATION_ID) fail(`QuickBooks has one location, "${QBO_LOCATION_ID}"`);
    else if (!item) fail(`QuickBooks item ${write.inventoryItemId} not found`);
    else if (item.Type !== "Inventory") fail(`QuickBooks item ${item.Id} is not an inventory item`);
    else if (!Number.isInteger(write.quantity)) fail("QuickBooks stock writes take whole quantities");
    else {
      const diff = write.quantity - (item.QtyOnHand ?? 0);
      if (diff === 0) results.set(write, { sku: write.sku, status: "ok", quantity: write.quantity });
      else lines.push({ write, diff });
    }
  }
  if (lines.length > 0) {
    const body = {
      AdjustAccountRef: await adjustAccount(),
      PrivateNote: "Stockwire stock sync",
      Line: lines.map(({ write, diff }) => ({
        DetailType: "ItemAdjustmentLineDetail",
        ItemAdjustmentLineDetail: { ItemRef: { value: write.inventoryItemId }, QtyDiff: diff },
      })),
    };
    const requestId = requestIdFor(idempotencyKey, "inventoryadjustment", body.Line);
    try {
      await client.post("inventoryadjustment", body, { requestId, priority: "stock" });
      for (const { write } of lines)
        results.set(write, { sku: write.sku, status: "ok", quantity: write.quantity });
    } catch (error) {
      if (!(error instanceof QboFaultError)) throw error;
      for (const { write } of lines) {
        results.set(write, {
          sku: write.sku,
          status: "failed",
          retryable: error.retryable,
          message: error.message,
        });
      }
    }
  }
  return writes.map((write) => results.get(write) as StockWriteResult);
}
