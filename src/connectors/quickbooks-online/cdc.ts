import { z } from "zod";
import type { SourceStockChanges, SourceStockItem } from "../contract.ts";
import { itemSku, toStockLevel } from "./catalog.ts";
import type { QboClient } from "./client.ts";
import { MAX_RESULTS, queryRows, quote } from "./query.ts";
import { itemSchema, type QboItem } from "./schemas.ts";

/** ChangeDataCapture looks back 30 days at most and returns 1,000 objects at most (§7.4). */
export const CDC_LOOKBACK_MS = 30 * 86_400_000;
export const CDC_MAX_OBJECTS = 1000;
/** Stay clear of the 30-day edge: QuickBooks' clock and ours differ a little. */
const LOOKBACK_MARGIN_MS = 3_600_000;

export type ChangedItem = SourceStockItem;

/**
 * Inventory items changed since `since` with their current `QtyOnHand`; deleted ids are rare
 * (QuickBooks makes items inactive instead). `source` is `cdc`, or `query` when the window was
 * too old or CDC hit its 1,000-object cap.
 */
export type ItemChanges = SourceStockChanges & { source: "cdc" | "query" };

const deletedRow = z.looseObject({ status: z.literal("Deleted"), Id: z.string() });
const cdcBody = z.looseObject({
  CDCResponse: z.array(
    z.looseObject({ QueryResponse: z.array(z.looseObject({ Item: z.array(z.unknown()).optional() })) }),
  ),
});

function changed(item: QboItem): ChangedItem {
  return {
    ...toStockLevel(item),
    sku: itemSku(item),
    name: item.Name,
    active: item.Active !== false,
    updatedAt: new Date(item.MetaData.LastUpdatedTime),
  };
}

/**
 * Items changed since `since` for QuickBooks-as-inventory-source (R-SYNC-8): CDC when the window
 * is inside 30 days and under the 1,000-object cap, otherwise a paged query on LastUpdatedTime.
 */
export async function changedItemsSince(client: QboClient, since: Date, now: Date): Promise<ItemChanges> {
  if (now.getTime() - since.getTime() < CDC_LOOKBACK_MS - LOOKBACK_MARGIN_MS) {
    const body = cdcBody.parse(
      await client.get("cdc", { entities: "Item", changedSince: since.toISOString() }, "stock"),
    );
    const rows = body.CDCResponse.flatMap((r) => r.QueryResponse.flatMap((q) => q.Item ?? []));
    if (rows.length < CDC_MAX_OBJECTS) {
      const items: ChangedItem[] = [];
      const deletedIds: string[] = [];
      for (const row of rows) {
        const deleted = deletedRow.safeParse(row);
        if (deleted.success) {
          deletedIds.push(deleted.data.Id);
          continue;
        }
        const item = itemSchema.parse(row);
        if (item.Type === "Inventory") items.push(changed(item));
      }
      return { items, deletedIds, source: "cdc" };
    }
  }
  return { items: await queryChangedItems(client, since), deletedIds: [], source: "query" };
}

async function queryChangedItems(client: QboClient, since: Date): Promise<ChangedItem[]> {
  const items: ChangedItem[] = [];
  for (let start = 1; ; start += MAX_RESULTS) {
    const statement =
      `SELECT * FROM Item WHERE Type = 'Inventory' AND Active IN (true, false)` +
      ` AND Metadata.LastUpdatedTime > ${quote(since.toISOString())}` +
      ` ORDERBY Id STARTPOSITION ${start} MAXRESULTS ${MAX_RESULTS}`;
    const page = await queryRows(client, "Item", statement, itemSchema, "stock");
    items.push(...page.map(changed));
    if (page.length < MAX_RESULTS) return items;
  }
}
