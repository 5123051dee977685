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

/**
 * Units sold per product in a window, for a set of products in one query (the (account, product)
 * index on order lines). Cancelled units and cancelled orders are not sales. Products that sold
 * nothing are absent.
 */
export async function unitsSoldByProduct(
  db: Db,
  accountId: string,
  productIds: string[],
  w: SalesWindow,
): Promise<Map<string, number>> {
  if (productIds.length === 0) return new Map();
  const rows = await queryRows<{ product_id: string; units: string | number }>(
    db,
    sql`select l.product_id, sum(l.quantity - l.cancelled_qty) as units
        from order_lines l
        join orders o on o.id = l.order_id
        where l.account_id = ${accountId} and l.product_id = any(${pgArray(productIds)}::uuid[])
          and o.status <> 'cancelled'
          and o.placed_at >= ${w.from.toISOString()} and o.placed_at < ${w.to.toISOString()}
          ${w.connectionId ? sql`and o.connection_id = ${w.connectionId}` : sql``}
        group by l.product_id`,
  );
  return new Map(rows.map((r) => [r.product_id, Number(r.units)]));
}
