import { sql } from "drizzle-orm";
import { analyzeIfGrown } from "../../db/analyze.ts";
import type { Db } from "../../db/engine.ts";
import { pgArray } from "../../db/sql.ts";

/** The tables a bulk import grows and the next sales read plans against. */
const SALES_TABLES = ["orders", "order_lines", "product_daily_sales"];

/**
 * Adds (`+1`) or takes away (`-1`) what the given orders count as sold to `product_daily_sales`,
 * in one statement from their current rows: call it with +1 once an order's lines are stored, and
 * with −1 just before something changes what it counts (a cancel), in the same transaction. The
 * rule is product-sales.ts's: ordered − cancelled units of orders that are not cancelled, on the
 * UTC day they were placed. Rows are upserted in key order so concurrent imports lock alike.
 */
export async function countInDailySales(tx: Db, orderIds: readonly string[], sign: 1 | -1): Promise<void> {
  if (orderIds.length === 0) return;
  await tx.execute(
    sql`insert into product_daily_sales (account_id, product_id, day, connection_id, units)
        select o.account_id, l.product_id, (o.placed_at at time zone 'UTC')::date, o.connection_id,
               ${sql.raw(String(sign))} * sum(l.quantity - l.cancelled_qty)
        from orders o join order_lines l on l.order_id = o.id
        where o.id = any(${pgArray(orderIds)}::uuid[]) and o.status <> 'cancelled'
        group by 1, 2, 3, 4
        order by 1, 2, 3, 4
        on conflict (account_id, product_id, day, connection_id)
        do update set units = product_daily_sales.units + excluded.units`,
  );
}

/**
 * After a bulk import has committed: fresh statistics for the tables the sales reads use, once
 * they grew by a tenth (by size on disk, which PGlite keeps up to date where its statistics
 * counters lag).
 */
export async function analyzeSalesTables(db: Db): Promise<void> {
  await analyzeIfGrown(db, SALES_TABLES);
}
