import type { SourceStockItem } from "../../connectors/contract.ts";
import type { Db } from "../../db/engine.ts";
import { type Product, productsBySku } from "../catalog/index.ts";
import type { SourceCount, SourceCountResult } from "./source-counts.ts";

/** What became of one item the system of record reported; each caller logs these its own way. */
export type SourceItemOutcome =
  | { kind: "matched"; item: SourceStockItem; sku: string }
  | { kind: "inactive"; item: SourceStockItem; label: string }
  | { kind: "unknown"; item: SourceStockItem; label: string; reason: string }
  /** A second item claims a product an earlier one matched: the first count is kept. */
  | { kind: "ambiguous"; item: SourceStockItem; sku: string; first: SourceStockItem };

/**
 * Hub products for the items a books inventory source reports (QuickBooks Online's feed and
 * QuickBooks Desktop's read-back alike): by the item's SKU, else by its name (on QuickBooks
 * Desktop the name is the SKU the hub posts with). Inactive items and items the hub does not sell
 * are not counted, since a company's books hold many items no channel lists; a product two items
 * claim keeps the first count. Outcomes come in the items' order.
 */
export async function matchSourceItems(
  db: Db,
  accountId: string,
  items: readonly SourceStockItem[],
): Promise<{ counts: SourceCount[]; outcomes: SourceItemOutcome[] }> {
  const candidates = items
    .filter((i) => i.active)
    .flatMap((i) => [i.sku, i.name].filter((s): s is string => Boolean(s?.trim())).map((s) => s.trim()));
  const products = await productsBySku(db, accountId, candidates);
  const counts: SourceCount[] = [];
  const outcomes: SourceItemOutcome[] = [];
  const claimed = new Map<string, SourceStockItem>();
  for (const item of items) {
    const label = item.sku ?? item.name;
    if (!item.active) {
      outcomes.push({ kind: "inactive", item, label });
      continue;
    }
    const product: Product | undefined =
      products.get(item.sku?.trim() ?? "") ?? products.get(item.name.trim());
    if (!product) {
      outcomes.push({
        kind: "unknown",
        item,
        label,
        reason: `no hub product has SKU "${label}" or "${item.name}"`,
      });
      continue;
    }
    const first = claimed.get(product.id);
    if (first) {
      outcomes.push({ kind: "ambiguous", item, sku: product.sku, first });
      continue;
    }
    claimed.set(product.id, item);
    counts.push({
      productId: product.id,
      sku: product.sku,
      allowBackorder: product.allowBackorder,
      count: item.quantity,
    });
    outcomes.push({ kind: "matched", item, sku: product.sku });
  }
  return { counts, outcomes };
}

/**
 * The sync-log reason for a count below what the hub has sold since (on-hand kept below zero, issue
 * 19): the same words whichever books source counted, so the log reads alike for Online and Desktop.
 */
export function belowSalesReason(sourceName: string, result: SourceCountResult): string {
  return `${sourceName} counts fewer units of ${result.sku} than the hub has sold since: on-hand is ${result.onHandAfter}, kept below zero (oversold); channels are sent 0`;
}
