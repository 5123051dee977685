import { sql } from "drizzle-orm";
import type { Db } from "../../db/engine.ts";
import { queryRows } from "../../db/rows.ts";
import { pgArray } from "../../db/sql.ts";

export type SalesWindow = {
  /** Orders placed in [from, to). */
  from: Date;
  to: Date;
  /** Only this channel's orders; every channel's when null. */
  connectionId: string | null;
};

const DAY_MS = 86_400_000;
const dayOf = (at: Date) => at.toISOString().slice(0, 10);
const startOfDay = (day: string) => new Date(`${day}T00:00:00.000Z`);

/**
 * Units sold per product in a window, for a set of products in one statement. Cancelled units and
 * cancelled orders are not sales. Products that sold nothing may be absent.
 *
 * The whole UTC days strictly inside the window come from `product_daily_sales`: one range of
 * the (account, product, day) key per product (`offset 0` keeps the planner from turning that
 * into a scan of the whole rollup once per page, which it costs as cheaper at some sizes while
 * it grows with the table, not the page). The window's first and last days are partial, so
 * their share is summed from the order lines themselves — only for the products the rollup says
 * sold anything on those two days, which keeps it exact without a probe per line of the window.
 */
export async function unitsSoldByProduct(
  db: Db,
  accountId: string,
  productIds: string[],
  w: SalesWindow,
): Promise<Map<string, number>> {
  if (productIds.length === 0 || w.to <= w.from) return new Map();
  const firstDay = dayOf(w.from);
  const lastDay = dayOf(w.to);
  const firstDayEnds = new Date(startOfDay(firstDay).getTime() + DAY_MS).toISOString();
  const lastDayStarts = startOfDay(lastDay).toISOString();
  const ids = pgArray(productIds);
  const rows = await queryRows<{ product_id: string; units: string | number }>(
    db,
    sql`with days as (
          select page.product_id, s.day, sum(s.units) as units
          from unnest(${ids}::uuid[]) as page(product_id)
          cross join lateral (
            select day, units from product_daily_sales
            where account_id = ${accountId} and product_id = page.product_id
              and day >= ${firstDay}::date and day <= ${lastDay}::date
              ${w.connectionId ? sql`and connection_id = ${w.connectionId}` : sql``}
            offset 0
          ) s
          group by page.product_id, s.day
        ),
        edges as (
          select l.product_id, sum(l.quantity - l.cancelled_qty) as units
          from order_lines l
          join orders o on o.id = l.order_id
          where l.account_id = ${accountId}
            and l.product_id in (select product_id from days where day = ${firstDay}::date or day = ${lastDay}::date)
            and o.status <> 'cancelled'
            and o.placed_at >= ${w.from.toISOString()} and o.placed_at < ${w.to.toISOString()}
            and (o.placed_at < ${firstDayEnds} or o.placed_at >= ${lastDayStarts})
            ${w.connectionId ? sql`and o.connection_id = ${w.connectionId}` : sql``}
          group by l.product_id
        )
        select product_id, sum(units) as units
        from (
          select product_id, units from days where day > ${firstDay}::date and day < ${lastDay}::date
          union all
          select product_id, units from edges
        ) sold
        group by product_id`,
  );
  return new Map(rows.map((r) => [r.product_id, Number(r.units)]));
}
