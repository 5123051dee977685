import type { SourceStockItem } from "../../../connectors/contract.ts";
import type { AppContext } from "../../../context.ts";
import { type Product, productsBySku } from "../../catalog/index.ts";
import { recordSyncLog, type SyncLogEntry } from "../../connections/index.ts";
import { applySourceCounts, resolveWarehouse, type SourceCount } from "../../inventory/index.ts";
import type { InventorySourceLookup } from "../../module.ts";
import { booksLag } from "../books-lag.ts";

export type BooksSource = NonNullable<Awaited<ReturnType<InventorySourceLookup>>>;

/** Where the counts come from: the session and the page, for the movements' idempotency keys. */
export type CountOrigin = { accountId: string; connectionId: string; ticket: string; requestId: string };

/**
 * Hub products for the items read: by the item's SKU (its part number), else by its name, which on
 * QuickBooks Desktop is the SKU the hub posts with. Inactive items and items the hub does not sell
 * are skipped and logged, as the QuickBooks Online source does; a product two items claim keeps the
 * first count.
 */
async function matchItems(ctx: AppContext, origin: CountOrigin, items: readonly SourceStockItem[]) {
  const candidates = items
    .filter((i) => i.active)
    .flatMap((i) => [i.sku, i.name].filter((s): s is string => Boolean(s?.trim())).map((s) => s.trim()));
  const products = await productsBySku(ctx.db, origin.accountId, candidates);
  const counts: SourceCount[] = [];
  const log: SyncLogEntry[] = [];
  const claimed = new Map<string, SourceStockItem>();
  const entry = (sku: string, quantity: number | null, result: SyncLogEntry["result"], reason?: string) =>
    log.push({
      accountId: origin.accountId,
      connectionId: origin.connectionId,
      sku,
      direction: "pull",
      quantity,
      result,
      ...(reason ? { reason, severity: result === "failed" ? ("error" as const) : ("info" as const) } : {}),
    });
  for (const item of items) {
    const label = item.sku ?? item.name;
    if (!item.active) {
      entry(label, item.quantity, "skipped", "the item is inactive in QuickBooks");
      continue;
    }
    const product: Product | undefined =
      products.get(item.sku?.trim() ?? "") ?? products.get(item.name.trim());
    if (!product) {
      entry(label, item.quantity, "skipped", `no hub product has SKU "${label}" or "${item.name}"`);
      continue;
    }
    const first = claimed.get(product.id);
    if (first) {
      entry(
        product.sku,
        item.quantity,
        "failed",
        `two QuickBooks items match (${first.inventoryItemId} and ${item.inventoryItemId}); the second count is not used`,
      );
      continue;
    }
    claimed.set(product.id, item);
    counts.push({
      productId: product.id,
      sku: product.sku,
      allowBackorder: product.allowBackorder,
      count: item.quantity,
    });
    entry(product.sku, item.quantity, "ok");
  }
  return { counts, log };
}

/**
 * Sets on-hand from QuickBooks Desktop's QuantityOnHand, as `books` movements, exactly as the
 * QuickBooks Online inventory source does: each count is corrected by the sales the books do not
 * know about yet (books-lag.ts), and the ledger's `stock.changed` events carry the new quantity to
 * the channels. Returns the number of products whose on-hand moved.
 */
export async function applyDesktopCounts(
  ctx: AppContext,
  origin: CountOrigin,
  source: BooksSource,
  items: readonly SourceStockItem[],
): Promise<number> {
  const { counts, log } = await matchItems(ctx, origin, items);
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
  await recordSyncLog(ctx.db, log);
  return results.filter((r) => r.onHandAfter !== r.onHandBefore).length;
}
