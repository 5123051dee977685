import { sql } from "drizzle-orm";
import type { Db } from "../../db/engine.ts";
import { queryRows } from "../../db/rows.ts";
import { pgArray } from "../../db/sql.ts";

export type BooksLagQuery = {
  accountId: string;
  booksConnectionId: string;
  warehouseId: string;
  productIds: string[];
  /** Shipped units of orders the hub imported before this are taken as already counted by the books. */
  since: Date;
};

/**
 * How far the books' stock counts are behind the hub, per product, for the books as inventory
 * source (R-SYNC-8). The books lower their count when an order's sale is posted (an individual
 * receipt or invoice, or the day's summary), which can be before or after the hub ships it:
 * - `postedReserved`: units the hub still holds for orders already posted: the books no longer
 *   count them but they are still on the shelf;
 * - `unpostedShipped`: units shipped on orders not posted yet (by a channel that posts to these
 *   books, imported since `since`): gone from the shelf, still in the books' count.
 * On-hand = books count + postedReserved − unpostedShipped keeps the hub's available equal to the
 * books' count minus every sale the books do not know about yet, whether reserved or shipped.
 */
export async function booksLag(db: Db, q: BooksLagQuery): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  if (q.productIds.length === 0) return out;
  const rows = await queryRows<{ product_id: string; posted_reserved: number; unposted_shipped: number }>(
    db,
    sql`select l.product_id,
          coalesce(sum(l.reserved_qty) filter (where posted.yes), 0)::int as posted_reserved,
          coalesce(sum(l.shipped_qty) filter (where not posted.yes and posts.yes and o.created_at >= ${q.since.toISOString()}), 0)::int as unposted_shipped
        from order_lines l
        join orders o on o.id = l.order_id
        cross join lateral (select exists (
            select 1 from books_postings p
            where p.books_connection_id = ${q.booksConnectionId} and p.status = 'posted'
              and p.subject_type = 'order' and p.subject_id = o.id::text
          ) or exists (
            select 1 from books_summary_orders so
            join books_summaries s on s.id = so.summary_id
            join books_postings p on p.books_connection_id = ${q.booksConnectionId} and p.status = 'posted'
              and p.subject_type = 'summary'
              and p.subject_id = s.channel_connection_id::text || ':' || s.period_key || ':' || s.currency
            where so.order_id = o.id
          ) as yes) posted
        cross join lateral (select exists (
            select 1 from books_order_settings st
            where st.connection_id = o.connection_id and st.books_connection_id = ${q.booksConnectionId}
          ) as yes) posts
        where l.account_id = ${q.accountId}
          and l.product_id = any(${pgArray(q.productIds)}::uuid[])
          and o.warehouse_id = ${q.warehouseId}
          and o.status <> 'cancelled'
          and (l.reserved_qty > 0 or (l.shipped_qty > 0 and o.created_at >= ${q.since.toISOString()}))
        group by l.product_id`,
  );
  for (const r of rows) out.set(r.product_id, Number(r.posted_reserved) - Number(r.unposted_shipped));
  return out;
}
