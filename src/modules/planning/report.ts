import { sql } from "drizzle-orm";
import type { Db } from "../../db/engine.ts";
import { queryRows } from "../../db/rows.ts";
import { type PlanLine, planLine } from "./planner-math.ts";
import type { PlanSettings } from "./settings.ts";

export type ReportRow = PlanLine & {
  productId: string;
  sku: string;
  name: string;
  unitsSold: number;
  available: number;
  leadTimeDays: number | null;
};

export type ReportQuery = {
  settings: PlanSettings;
  connectionId: string | null;
  now: Date;
  afterSku?: string | undefined;
  /** Only this SKU (a product page's planner figures). */
  sku?: string | undefined;
  limit: number;
};

/**
 * A read model over products, order_lines/orders and stock_levels (owned by catalog, orders and
 * inventory): units sold per product in the window and available stock, aggregated in SQL one
 * page of SKUs at a time — the page is chosen first and only its products' order lines are read
 * (the (account, product) index), so reading every page costs about one pass over the lines, not
 * one per page. Cancelled units are not sales; orders of other channels are left out when a
 * connection is given.
 */
export async function plannerReport(db: Db, accountId: string, q: ReportQuery): Promise<ReportRow[]> {
  const from = new Date(q.now.getTime() - q.settings.reportDays * 86_400_000).toISOString();
  const rows = await queryRows<{
    id: string;
    sku: string;
    name: string;
    lead_time_days: number | null;
    units: string | number;
    available: string | number;
  }>(
    db,
    sql`with page as (
          select p.id, p.sku, p.name, p.lead_time_days
          from products p
          where p.account_id = ${accountId} and not p.archived
            ${q.afterSku !== undefined ? sql`and p.sku > ${q.afterSku}` : sql``}
            ${q.sku !== undefined ? sql`and p.sku = ${q.sku}` : sql``}
          order by p.sku
          limit ${q.limit + 1}
        ), sold as (
          select l.product_id, sum(l.quantity - l.cancelled_qty) as units
          from page
          join order_lines l on l.account_id = ${accountId} and l.product_id = page.id
          join orders o on o.id = l.order_id
          where o.status <> 'cancelled'
            and o.placed_at >= ${from} and o.placed_at < ${q.now.toISOString()}
            ${q.connectionId ? sql`and o.connection_id = ${q.connectionId}` : sql``}
          group by l.product_id
        )
        select page.id, page.sku, page.name, page.lead_time_days, coalesce(s.units, 0) as units,
          coalesce((select sum(on_hand - reserved) from stock_levels sl where sl.product_id = page.id), 0) as available
        from page left join sold s on s.product_id = page.id
        order by page.sku`,
  );
  return rows.map((r) => {
    const unitsSold = Number(r.units);
    const available = Number(r.available);
    const leadTimeDays = r.lead_time_days === null ? null : Number(r.lead_time_days);
    return {
      productId: r.id,
      sku: r.sku,
      name: r.name,
      unitsSold,
      available,
      leadTimeDays,
      ...planLine({ ...q.settings, unitsSold, available, leadTimeDays }),
    };
  });
}
