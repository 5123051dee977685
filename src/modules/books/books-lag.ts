import { sql } from "drizzle-orm";
import type { Db } from "../../db/engine.ts";
import { queryRows } from "../../db/rows.ts";
import { pgArray } from "../../db/sql.ts";
import { openLineTotals } from "../orders/index.ts";

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
  const lines = await openLineTotals(db, q);
  if (lines.length === 0) return out;
  const orderIds = [...new Set(lines.map((l) => l.orderId))];
  const posted = await ordersPostedTo(db, q.booksConnectionId, orderIds);
  const posting = await channelsPostingTo(db, q.booksConnectionId);
  for (const l of lines) {
    const lag = posted.has(l.orderId)
      ? l.reservedQty
      : l.connectionId !== null && posting.has(l.connectionId)
        ? -l.shippedSinceQty
        : 0;
    out.set(l.productId, (out.get(l.productId) ?? 0) + lag);
  }
  return out;
}

/** Which of these orders the books have: posted on their own or inside a posted summary. */
async function ordersPostedTo(db: Db, booksConnectionId: string, orderIds: string[]): Promise<Set<string>> {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`select o.id from unnest(${pgArray(orderIds)}::uuid[]) as o(id)
        where exists (
            select 1 from books_postings p
            where p.books_connection_id = ${booksConnectionId} and p.status = 'posted'
              and p.subject_type = 'order' and p.subject_id = o.id::text
          ) or exists (
            select 1 from books_summary_orders so
            join books_summaries s on s.id = so.summary_id
            join books_postings p on p.books_connection_id = ${booksConnectionId} and p.status = 'posted'
              and p.subject_type = 'summary'
              and p.subject_id = s.channel_connection_id::text || ':' || s.period_key || ':' || s.currency
            where so.order_id = o.id
          )`,
  );
  return new Set(rows.map((r) => r.id));
}

/** Channel connections whose orders post to these books. */
async function channelsPostingTo(db: Db, booksConnectionId: string): Promise<Set<string>> {
  const rows = await queryRows<{ connection_id: string }>(
    db,
    sql`select connection_id from books_order_settings where books_connection_id = ${booksConnectionId}`,
  );
  return new Set(rows.map((r) => r.connection_id));
}
