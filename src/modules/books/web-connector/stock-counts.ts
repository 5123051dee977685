import type { SourceStockItem } from "../../../connectors/contract.ts";
import type { AppContext } from "../../../context.ts";
import { recordSyncLog, type SyncLogEntry } from "../../connections/index.ts";
import {
  applySourceCounts,
  belowSalesReason,
  matchSourceItems,
  resolveWarehouse,
  type SourceItemOutcome,
} from "../../inventory/index.ts";
import type { InventorySourceLookup } from "../../module.ts";
import { booksLag } from "../books-lag.ts";

export type BooksSource = NonNullable<Awaited<ReturnType<InventorySourceLookup>>>;

/** The account's inventory source when it is this connection, else null (then nothing is read back). */
export async function readBackSource(
  ctx: AppContext,
  session: { accountId: string; connectionId: string },
): Promise<BooksSource | null> {
  const source = await ctx.inventorySourceOf(ctx.db, session.accountId);
  return source?.connectionId === session.connectionId ? source : null;
}

/** Where the counts come from: the session and the page, for the movements' idempotency keys. */
export type CountOrigin = { accountId: string; connectionId: string; ticket: string; requestId: string };

const SOURCE_NAME = "QuickBooks Desktop";

/**
 * The sync-log line of each item read: there is no feed run to carry messages (the Web Connector
 * drives the read), so inactive items, items the hub does not sell and a product two items claim
 * are all told here.
 */
function outcomeEntry(origin: CountOrigin, outcome: SourceItemOutcome): SyncLogEntry {
  const base = {
    accountId: origin.accountId,
    connectionId: origin.connectionId,
    direction: "pull" as const,
    quantity: outcome.item.quantity,
  };
  switch (outcome.kind) {
    case "matched":
      return { ...base, sku: outcome.sku, result: "ok" };
    case "inactive":
      return {
        ...base,
        sku: outcome.label,
        result: "skipped",
        severity: "info",
        reason: "the item is inactive in QuickBooks",
      };
    case "unknown":
      return { ...base, sku: outcome.label, result: "skipped", severity: "info", reason: outcome.reason };
    case "ambiguous":
      return {
        ...base,
        sku: outcome.sku,
        result: "failed",
        severity: "error",
        reason: `two QuickBooks items match (${outcome.first.inventoryItemId} and ${outcome.item.inventoryItemId}); the second count is not used`,
      };
  }
}

/**
 * Sets on-hand from QuickBooks Desktop's QuantityOnHand, as `books` movements, exactly as the
 * QuickBooks Online inventory source does (the same item matching, inventory module): each count is
 * corrected by the sales the books do not know about yet (books-lag.ts), and the ledger's
 * `stock.changed` events carry the new quantity to the channels. A count below what was sold since
 * leaves on-hand below zero and says so in the sync log, as the Online source does. Keys are the
 * session's and the page's, so a page applied twice moves nothing. Returns the number of products
 * whose on-hand moved.
 */
export async function applyDesktopCounts(
  ctx: AppContext,
  origin: CountOrigin,
  source: BooksSource,
  items: readonly SourceStockItem[],
): Promise<number> {
  const { counts, outcomes } = await matchSourceItems(ctx.db, origin.accountId, items);
  const log = outcomes.map((o) => outcomeEntry(origin, o));
  const warehouse = await resolveWarehouse(ctx.db, origin.accountId, source.warehouseId);
  const results = await applySourceCounts(ctx.db, origin.accountId, warehouse.id, counts, {
    keyPrefix: `qbwc-stock:${origin.ticket}:${origin.requestId}`,
    referenceType: "qbwc-session",
    referenceId: origin.ticket,
    note: "count from QuickBooks Desktop",
    offsets: (tx, productIds) =>
      booksLag(tx, {
        accountId: origin.accountId,
        booksConnectionId: origin.connectionId,
        warehouseId: warehouse.id,
        productIds,
        since: source.since,
      }),
  });
  for (const r of results.filter((r) => r.belowZero)) {
    // After the item's "ok" line, so the sync log keeps this one for the SKU.
    log.push({
      accountId: origin.accountId,
      connectionId: origin.connectionId,
      sku: r.sku,
      direction: "pull",
      quantity: counts.find((c) => c.productId === r.productId)?.count ?? null,
      result: "ok",
      severity: "error",
      reason: belowSalesReason(SOURCE_NAME, r),
    });
  }
  await recordSyncLog(ctx.db, log);
  return results.filter((r) => r.onHandAfter !== r.onHandBefore).length;
}
