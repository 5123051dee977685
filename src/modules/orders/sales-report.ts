import { sql } from "drizzle-orm";
import type { Db } from "../../db/engine.ts";
import { queryRows } from "../../db/rows.ts";
import { getAccount } from "../accounts/index.ts";
import { listConnections } from "../connections/index.ts";

/** One bar segment of the dashboard's sales chart: a channel's orders on one day, in one currency. */
export type SalesDay = {
  /** Calendar day (YYYY-MM-DD) in the account's time zone. */
  day: string;
  /** null for orders entered through the API rather than imported from a channel. */
  connectionId: string | null;
  connectionName: string;
  orders: number;
  /** Sum of order totals (tax and shipping included), before refunds. */
  revenueMinor: number;
  refundedMinor: number;
  currency: string;
};

export type SalesReport = { timezone: string; from: string; to: string; items: SalesDay[] };

/** The name shown for orders that came in through the API instead of a channel connection. */
export const ENTERED_BY_API = "Entered through the API";

/**
 * Orders per day, channel connection and currency over the last `days` days (today included),
 * cancelled orders left out. Days are the account's calendar days so "today" matches the merchant's
 * clock. The answer is bounded by days × connections × currencies, so it is returned whole.
 */
export async function salesByDay(
  db: Db,
  accountId: string,
  days: number,
  now = new Date(),
): Promise<SalesReport> {
  const { timezone } = await getAccount(db, accountId);
  const [range] = await queryRows<{ first_day: string; today: string }>(
    db,
    sql`select to_char(t.today - ${days - 1}::int, 'YYYY-MM-DD') as first_day,
          to_char(t.today, 'YYYY-MM-DD') as today
        from (select (${now.toISOString()}::timestamptz at time zone ${timezone})::date as today) t`,
  );
  const { first_day: from, today: to } = range!;
  const rows = await queryRows<{
    day: string;
    connection_id: string | null;
    currency: string;
    orders: string | number;
    revenue: string | number;
    refunded: string | number;
  }>(
    db,
    sql`select to_char((o.placed_at at time zone ${timezone})::date, 'YYYY-MM-DD') as day,
          o.connection_id, o.currency, count(*) as orders,
          sum(o.total_minor) as revenue, sum(o.refunded_minor) as refunded
        from orders o
        where o.account_id = ${accountId} and o.status <> 'cancelled'
          and o.placed_at >= (${from}::date::timestamp at time zone ${timezone})
          and o.placed_at < ((${to}::date + 1)::timestamp at time zone ${timezone})
        group by 1, 2, 3
        order by 1, 2, 3`,
  );
  const names = new Map((await listConnections(db, accountId)).map((c) => [c.id, c.name]));
  return {
    timezone,
    from,
    to,
    items: rows.map((r) => ({
      day: r.day,
      connectionId: r.connection_id,
      connectionName: r.connection_id ? (names.get(r.connection_id) ?? "Removed connection") : ENTERED_BY_API,
      orders: Number(r.orders),
      revenueMinor: Number(r.revenue),
      refundedMinor: Number(r.refunded),
      currency: r.currency,
    })),
  };
}
