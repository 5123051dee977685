import { isInventorySourceSession, type SourceStockItem } from "../../../connectors/contract.ts";
import { chunks } from "../../../db/sql.ts";
import { booksLag } from "../../books/index.ts";
import { recordSyncLog, type SyncLogEntry } from "../../connections/index.ts";
import {
  applySourceCounts,
  belowSalesReason,
  matchSourceItems,
  resolveWarehouse,
} from "../../inventory/index.ts";
import { WATERMARK_OVERLAP_MS } from "../defaults.ts";
import type { FeedContext } from "../feed-context.ts";
import { setWatermark } from "../feeds.ts";
import { getInventorySource } from "../inventory-source.ts";
import { RunRefused } from "../run-error-code.ts";

/** Counts applied per transaction: keeps level locks short while orders keep arriving. */
const APPLY_BATCH = 200;

/**
 * The books as inventory source (R-SYNC-8): reads the items changed since the last run (CDC, or a
 * query past 30 days / 1,000 objects; everything on the first run) and sets each matched product's
 * on-hand from its count, as `books` movements. The count is corrected by the sales the books do
 * not know about yet (books-lag.ts), so orders reserved in the hub keep counting until posted.
 * The ledger's `stock.changed` events then push the new quantity to every live channel.
 */
export async function inventorySourceFeed(fc: FeedContext) {
  const { ctx, connection, feed, session, recorder } = fc;
  const accountId = connection.accountId;
  const source = await getInventorySource(ctx.db, accountId);
  if (source.connectionId !== connection.id) {
    await recorder.message(
      "info",
      "not_inventory_source",
      `${connection.name} is not this account's inventory source; nothing was read`,
    );
    return "blocked" as const;
  }
  if (!isInventorySourceSession(session)) {
    throw new RunRefused(
      "feed_unsupported",
      `${connection.name}'s connector cannot read stock from the books`,
    );
  }
  const startedAt = new Date();
  const since =
    !fc.full && feed.watermark ? new Date(feed.watermark.getTime() - WATERMARK_OVERLAP_MS) : new Date(0);
  const changes = await session.changedStockSince(since);
  await recorder.message(
    "info",
    "items_read",
    `${changes.items.length} changed items read from ${connection.name} (${changes.source})`,
  );
  const warehouse = await resolveWarehouse(ctx.db, accountId, source.warehouseId);
  const { counts, log } = await matchItems(fc, changes.items);
  recorder.count("skipped", changes.deletedIds.length);
  let done = 0;
  for (const batch of chunks(counts, APPLY_BATCH)) {
    const results = await applySourceCounts(ctx.db, accountId, warehouse.id, batch, {
      keyPrefix: `inventory-source:${recorder.run.id}`,
      referenceType: "feed-run",
      referenceId: recorder.run.id,
      note: `count from ${connection.name}`,
      offsets: (tx, productIds) =>
        booksLag(tx, {
          accountId,
          booksConnectionId: connection.id,
          warehouseId: warehouse.id,
          productIds,
          since: new Date(source.since),
        }),
    });
    for (const r of results) {
      recorder.count(r.onHandAfter === r.onHandBefore ? "skipped" : "updated");
      if (r.belowZero) {
        // Logged after the item's "ok" line, so the sync log keeps this one for the SKU.
        log.push({
          accountId,
          connectionId: connection.id,
          sku: r.sku,
          direction: "pull",
          quantity: batch.find((c) => c.productId === r.productId)?.count ?? null,
          result: "ok",
          severity: "error",
          reason: belowSalesReason(connection.name, r),
        });
        await recorder.message("error", "count_below_sales", belowSalesReason(connection.name, r), r.sku);
      }
    }
    done += results.length;
    await recorder.progress(done, counts.length);
  }
  await recordSyncLog(ctx.db, log);
  await setWatermark(ctx.db, feed.id, startedAt);
  return recorder.counts.failed > 0 ? ("partial" as const) : undefined;
}

/**
 * Hub products for the changed items (the inventory module's matcher, shared with QuickBooks
 * Desktop's read-back), counted and logged for the run: inactive items and items the hub does not
 * sell are skipped, not errors, since a company's books hold many items no channel lists.
 */
async function matchItems(fc: FeedContext, items: SourceStockItem[]) {
  const { ctx, connection, recorder } = fc;
  const { counts, outcomes } = await matchSourceItems(ctx.db, connection.accountId, items);
  const log: SyncLogEntry[] = [];
  const entry = (sku: string, quantity: number | null, result: SyncLogEntry["result"], reason?: string) =>
    log.push({
      accountId: connection.accountId,
      connectionId: connection.id,
      sku,
      direction: "pull",
      quantity,
      result,
      ...(reason ? { reason, severity: "info" as const } : {}),
    });
  for (const outcome of outcomes) {
    if (outcome.kind === "inactive") recorder.count("skipped");
    else if (outcome.kind === "unknown") {
      recorder.count("skipped");
      entry(outcome.label, outcome.item.quantity, "skipped", outcome.reason);
    } else if (outcome.kind === "ambiguous") {
      recorder.count("failed");
      await recorder.message(
        "error",
        "source_item_ambiguous",
        `${outcome.sku} matches two items in ${connection.name} (${outcome.first.inventoryItemId} and ${outcome.item.inventoryItemId}); the second count is not used`,
        outcome.sku,
      );
    } else entry(outcome.sku, outcome.item.quantity, "ok");
  }
  return { counts, log };
}
