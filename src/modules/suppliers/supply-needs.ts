import { and, asc, eq, gt } from "drizzle-orm";
import type { Db } from "../../db/engine.ts";
import { productSkus } from "../catalog/index.ts";
import { stockTotals } from "../inventory/index.ts";
import type { SalesRateLookup } from "../module.ts";
import { linksOfProducts, type SupplierLink } from "./links.ts";
import { onOrderOfProducts } from "./purchase-orders.ts";
import { supplierLinks } from "./schema.ts";
import { type Supplier, suppliersById } from "./suppliers.ts";
import { type Need, supplyNeed } from "./supply-need.ts";

/** Days of sales kept in reserve beyond the lead time, and days one order should cover, unless asked otherwise. */
export const DEFAULT_SAFETY_DAYS = 7;
export const DEFAULT_REVIEW_DAYS = 7;

export type NeedSettings = { safetyDays: number; reviewDays: number };

export type SupplyNeedRow = Need & {
  productId: string;
  sku: string;
  supplier: Supplier;
  link: SupplierLink;
  salesPerDay: number;
  leadTimeDays: number;
  available: number;
  onOrder: number;
  settings: NeedSettings;
};

/** Where the planner's sales come from (the context's `salesRatesOf`), with the database. */
export type NeedSources = { db: Db; salesRatesOf: SalesRateLookup; now: Date };

/** The link a need is ordered through: the preferred one, else the oldest (the first the merchant made). */
function chosenLink(links: SupplierLink[]): SupplierLink {
  return (
    links.find((l) => l.preferred) ??
    [...links].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id))[0]!
  );
}

/** The next products with a supplier link after `afterProductId`, by product id. */
async function linkedProducts(db: Db, accountId: string, afterProductId: string | undefined, limit: number) {
  const rows = await db
    .selectDistinct({ productId: supplierLinks.productId })
    .from(supplierLinks)
    .where(
      and(
        eq(supplierLinks.accountId, accountId),
        afterProductId ? gt(supplierLinks.productId, afterProductId) : undefined,
      ),
    )
    .orderBy(asc(supplierLinks.productId))
    .limit(limit);
  return rows.map((r) => r.productId);
}

/** The supply need of each given product (all linked to a supplier), in the order given. */
async function needsOf(
  src: NeedSources,
  accountId: string,
  productIds: string[],
  settings: NeedSettings,
): Promise<SupplyNeedRow[]> {
  const { db } = src;
  const [links, rates, stock, onOrder, skus] = await Promise.all([
    linksOfProducts(db, accountId, productIds),
    src.salesRatesOf(db, accountId, productIds, src.now),
    stockTotals(db, productIds),
    onOrderOfProducts(db, accountId, productIds),
    productSkus(db, accountId, productIds),
  ]);
  const suppliers = await suppliersById(
    db,
    accountId,
    links.map((l) => l.supplierId),
  );
  return productIds.flatMap((productId) => {
    const own = links.filter((l) => l.productId === productId);
    const sku = skus.get(productId);
    if (own.length === 0 || sku === undefined) return [];
    const link = chosenLink(own);
    const supplier = suppliers.get(link.supplierId)!;
    const leadTimeDays = link.leadTimeDays ?? supplier.defaultLeadTimeDays ?? 0;
    const salesPerDay = rates.perDay.get(productId) ?? 0;
    const available = stock.get(productId)?.available ?? 0;
    const ordered = onOrder.get(productId) ?? 0;
    const need = supplyNeed({
      salesPerDay,
      leadTimeDays,
      safetyDays: settings.safetyDays,
      reviewDays: settings.reviewDays,
      available,
      onOrder: ordered,
      minOrderQuantity: link.minOrderQuantity,
      orderMultiple: link.orderMultiple,
    });
    return [
      {
        ...need,
        productId,
        sku,
        supplier,
        link,
        salesPerDay,
        leadTimeDays,
        available,
        onOrder: ordered,
        settings,
      },
    ];
  });
}

/**
 * One page of supply needs by product id: products with a supplier link, those with something to
 * order only unless `all`. Linked products are read in batches until the page is full, so a page of
 * needs costs a few batches even when most linked products need nothing.
 */
export async function supplyNeedsPage(
  src: NeedSources,
  accountId: string,
  q: { afterProductId?: string | undefined; limit: number; all: boolean; settings: NeedSettings },
): Promise<SupplyNeedRow[]> {
  const out: SupplyNeedRow[] = [];
  const batch = Math.min(Math.max(q.limit + 1, 200), 1000);
  let after = q.afterProductId;
  while (out.length < q.limit + 1) {
    const ids = await linkedProducts(src.db, accountId, after, batch);
    if (ids.length === 0) break;
    for (const row of await needsOf(src, accountId, ids, q.settings))
      if (q.all || row.quantity > 0) out.push(row);
    if (ids.length < batch) break;
    after = ids[ids.length - 1];
  }
  return out.slice(0, q.limit + 1);
}

/** Every product's positive need, for drafting purchase orders from them. */
export async function allPositiveNeeds(src: NeedSources, accountId: string, settings: NeedSettings) {
  return supplyNeedsPage(src, accountId, { limit: Number.MAX_SAFE_INTEGER - 1, all: false, settings });
}
