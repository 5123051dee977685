import { sql } from "drizzle-orm";
import type { Db } from "../../db/engine.ts";
import { queryRows } from "../../db/rows.ts";

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
 * The catalogue with stock totals and status, SKU order, keyset-paged. A read model joining the
 * catalogue with stock levels: filtering by stock status needs both in one query.
 */
export async function listProductsWithStock(
  db: Db,
  accountId: string,
  f: ProductListFilter,
): Promise<ProductListItem[]> {
  const like = f.q ? `%${f.q.replace(/[%_\\]/g, (c) => `\\${c}`)}%` : undefined;
  const status = sql`case when coalesce(s.available, 0) <= 0 then 'out'
    when p.low_stock_threshold is not null and coalesce(s.available, 0) <= p.low_stock_threshold then 'low'
    else 'in_stock' end`;
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select p.id, p.sku, p.name, p.group_key, p.options, p.barcode, p.price_minor, p.currency, p.archived,
          p.lead_time_days, p.low_stock_threshold,
          coalesce(s.on_hand, 0)::int as on_hand, coalesce(s.reserved, 0)::int as reserved,
          coalesce(s.available, 0)::int as available, ${status} as stock_status
        from products p
        left join lateral (
          select sum(on_hand) as on_hand, sum(reserved) as reserved, sum(on_hand - reserved) as available
          from stock_levels where product_id = p.id
        ) s on true
        where p.account_id = ${accountId}
          ${like ? sql`and (p.sku ilike ${like} or p.name ilike ${like} or p.barcode = ${f.q})` : sql``}
          ${f.sku ? sql`and p.sku = ${f.sku}` : sql``}
          ${f.archived !== undefined ? sql`and p.archived = ${f.archived}` : sql``}
          ${f.stockStatus ? sql`and ${status} = ${f.stockStatus}` : sql``}
          ${f.afterSku !== undefined ? sql`and p.sku > ${f.afterSku}` : sql``}
        order by p.sku
        limit ${f.limit + 1}`,
  );
  return rows.map((r) => ({
    id: String(r.id),
    sku: String(r.sku),
    name: String(r.name),
    groupKey: (r.group_key as string | null) ?? null,
    options: (r.options as Record<string, string>) ?? {},
    barcode: (r.barcode as string | null) ?? null,
    priceMinor: r.price_minor === null ? null : Number(r.price_minor),
    currency: (r.currency as string | null) ?? null,
    archived: Boolean(r.archived),
    leadTimeDays: r.lead_time_days === null ? null : Number(r.lead_time_days),
    lowStockThreshold: r.low_stock_threshold === null ? null : Number(r.low_stock_threshold),
    onHand: Number(r.on_hand),
    reserved: Number(r.reserved),
    available: Number(r.available),
    stockStatus: r.stock_status as StockStatus,
  }));
}
