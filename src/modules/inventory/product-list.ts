import type { Db } from "../../db/engine.ts";
import { type Product, productPage } from "../catalog/index.ts";
import { type StockTotals, stockTotals } from "./stock-totals.ts";

export const stockStatuses = ["in_stock", "low", "out"] as const;
export type StockStatus = (typeof stockStatuses)[number];

export type ProductListFilter = {
  q?: string;
  sku?: string;
  archived?: boolean;
  stockStatus?: StockStatus;
  afterSku?: string;
  limit: number;
};

export type ProductListItem = {
  id: string;
  sku: string;
  name: string;
  groupKey: string | null;
  options: Record<string, string>;
  barcode: string | null;
  priceMinor: number | null;
  currency: string | null;
  archived: boolean;
  leadTimeDays: number | null;
  lowStockThreshold: number | null;
  onHand: number;
  reserved: number;
  available: number;
  stockStatus: StockStatus;
};

/**
 * The catalogue with stock totals and status, SKU order, keyset-paged: the catalogue's page of
 * products, then their stock totals in one query. Filtering by stock status reads the catalogue in
 * batches until the page is full, since the status needs both modules' figures.
 */
export async function listProductsWithStock(
  db: Db,
  accountId: string,
  f: ProductListFilter,
): Promise<ProductListItem[]> {
  const wanted = f.limit + 1;
  const batch = f.stockStatus ? Math.max(wanted, STATUS_FILTER_BATCH) : wanted;
  const out: ProductListItem[] = [];
  let afterSku = f.afterSku;
  for (;;) {
    const page = await productPage(db, accountId, { ...f, afterSku, limit: batch });
    const totals = await stockTotals(
      db,
      page.map((p) => p.id),
    );
    for (const product of page) {
      const item = listItem(product, totals.get(product.id));
      if (f.stockStatus && item.stockStatus !== f.stockStatus) continue;
      out.push(item);
      if (out.length === wanted) return out;
    }
    if (page.length < batch) return out;
    afterSku = page.at(-1)!.sku;
  }
}

/** Products read per round when filtering by stock status. */
const STATUS_FILTER_BATCH = 500;

function listItem(p: Product, stock: StockTotals | undefined): ProductListItem {
  const { onHand, reserved, available } = stock ?? { onHand: 0, reserved: 0, available: 0 };
  const stockStatus: StockStatus =
    available <= 0
      ? "out"
      : p.lowStockThreshold !== null && available <= p.lowStockThreshold
        ? "low"
        : "in_stock";
  return {
    id: p.id,
    sku: p.sku,
    name: p.name,
    groupKey: p.groupKey,
    options: p.options ?? {},
    barcode: p.barcode,
    priceMinor: p.priceMinor,
    currency: p.currency,
    archived: p.archived,
    leadTimeDays: p.leadTimeDays,
    lowStockThreshold: p.lowStockThreshold,
    onHand,
    reserved,
    available,
    stockStatus,
  };
}
