import { sql } from "drizzle-orm";
import type { Db } from "../../db/engine.ts";
import { queryRows } from "../../db/rows.ts";

export const orderMetrics = ["revenue", "orders", "units", "refunds"] as const;
export type OrderMetric = (typeof orderMetrics)[number];

export type MetricOptions = {
  /** Only what backfills brought from before the hub was watching (sync/history.ts). */
  historyOnly?: boolean;
};

/**
 * One aggregate over an account's orders, order lines or refunds in [start, end) (orders by when
 * they were placed, refunds by when they were recorded), in SQL so a busy period is one indexed
 * scan. Cancelled orders do not count. Optionally one channel's only.
 */
export async function orderMetric(
  db: Db,
  accountId: string,
  metric: OrderMetric,
  range: { start: Date; end: Date },
  connectionId: string | null,
  options: MetricOptions = {},
): Promise<number> {
  const history = metric === "refunds" ? sql`and r.historical` : sql`and o.historical`;
  const scope = sql`${connectionId ? sql`and o.connection_id = ${connectionId}` : sql``} ${
    options.historyOnly ? history : sql``
  }`;
  const inRange = sql`o.placed_at >= ${range.start.toISOString()} and o.placed_at < ${range.end.toISOString()}`;
  const query = {
    revenue: sql`select coalesce(sum(o.total_minor), 0) as v from orders o
      where o.account_id = ${accountId} and o.status <> 'cancelled' and ${inRange} ${scope}`,
    orders: sql`select count(*) as v from orders o
      where o.account_id = ${accountId} and o.status <> 'cancelled' and ${inRange} ${scope}`,
    units: sql`select coalesce(sum(l.quantity - l.cancelled_qty), 0) as v
      from order_lines l join orders o on o.id = l.order_id
      where o.account_id = ${accountId} and o.status <> 'cancelled' and ${inRange} ${scope}`,
    refunds: sql`select coalesce(sum(r.amount_minor), 0) as v
      from refunds r join orders o on o.id = r.order_id
      where r.account_id = ${accountId}
        and r.refunded_at >= ${range.start.toISOString()} and r.refunded_at < ${range.end.toISOString()} ${scope}`,
  }[metric];
  const [row] = await queryRows<{ v: string | number }>(db, query);
  return Number(row?.v ?? 0);
}
