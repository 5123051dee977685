import { sql } from "drizzle-orm";
import type { Db } from "../../db/engine.ts";
import { queryRows } from "../../db/rows.ts";
import { pgArray } from "../../db/sql.ts";
import { getConnection } from "../connections/index.ts";
import { orderIdsPlacedIn, refundIdsRecordedIn } from "../orders/index.ts";
import { checkRange, type DayRange, periodBounds, periodKeys } from "./periods.ts";
import { type PostingStatus, postingStatuses } from "./schema.ts";
import { getOrderSettings } from "./settings.ts";

export type SyncProgress = {
  connectionId: string;
  from: string;
  to: string;
  postingMode: string;
  grouping: string;
  booksConnectionId: string | null;
  /** The books connection's mode; null when the channel names none. */
  booksMode: string | null;
  /** Orders of the range (cancelled left out), and how many of them the books ledger covers. */
  orders: { total: number; inBooks: number };
  /** Ledger rows of the range (its orders, refunds and summaries) by status. */
  documents: Record<PostingStatus, number> & { total: number };
  /** The latest change to one of those rows, so a watcher can tell the sync is moving. */
  lastChangeAt: string | null;
};

/**
 * Where a channel's range stands in the books, read from the postings ledger (R-ORD-5). A manual
 * sync or a re-summarise runs inside its request; the dashboard polls this meanwhile to show
 * progress, and it is the same answer on any worker because it is only the database's state.
 */
export async function syncProgress(
  db: Db,
  accountId: string,
  channelConnectionId: string,
  range: DayRange,
): Promise<SyncProgress> {
  checkRange(range);
  const settings = await getOrderSettings(db, accountId, channelConnectionId);
  const books = settings.booksConnectionId
    ? await getConnection(db, accountId, settings.booksConnectionId)
    : null;
  const start = periodBounds(range.from).start;
  const end = periodBounds(range.to).end;
  // The range's orders and refunds come from the orders module as two id lists; the ledger is ours.
  const orderIds = pgArray(await orderIdsPlacedIn(db, accountId, channelConnectionId, start, end));
  const refundIds = pgArray(await refundIdsRecordedIn(db, accountId, channelConnectionId, start, end));

  const [orderCounts] = await queryRows<{ total: string | number; in_books: string | number }>(
    db,
    sql`select count(*) as total,
          count(*) filter (where exists (select 1 from books_summary_orders so where so.order_id = r.id)
            or exists (select 1 from books_postings p where p.subject_type = 'order'
              and p.subject_id = r.id::text ${books ? sql`and p.books_connection_id = ${books.id}` : sql``})
          ) as in_books
        from unnest(${orderIds}::uuid[]) as r(id)`,
  );

  const documents = Object.fromEntries(postingStatuses.map((s) => [s, 0])) as Record<PostingStatus, number>;
  let total = 0;
  let lastChangeAt: string | null = null;
  if (books) {
    const keys = periodKeys(range, settings.grouping);
    const rows = await queryRows<{ status: PostingStatus; n: string | number; last: string | Date | null }>(
      db,
      sql`select p.status, count(*) as n, max(p.updated_at) as last
          from books_postings p
          where p.account_id = ${accountId} and p.books_connection_id = ${books.id}
            and p.channel_connection_id = ${channelConnectionId}
            and (
              (p.subject_type = 'order' and p.subject_id = any(${orderIds}::text[]))
              or (p.subject_type = 'refund' and p.subject_id = any(${refundIds}::text[]))
              or (p.subject_type = 'summary'
                and length(split_part(p.subject_id, ':', 2)) = ${keys[0]!.length}
                and split_part(p.subject_id, ':', 2) between ${keys[0]!} and ${keys.at(-1)!})
            )
          group by p.status`,
    );
    for (const row of rows) {
      documents[row.status] = Number(row.n);
      total += Number(row.n);
      const last = row.last === null ? null : new Date(row.last).toISOString();
      if (last && (!lastChangeAt || last > lastChangeAt)) lastChangeAt = last;
    }
  }
  return {
    connectionId: channelConnectionId,
    ...range,
    postingMode: settings.postingMode,
    grouping: settings.grouping,
    booksConnectionId: books?.id ?? null,
    booksMode: books?.mode ?? null,
    orders: { total: Number(orderCounts?.total ?? 0), inBooks: Number(orderCounts?.in_books ?? 0) },
    documents: { ...documents, total },
    lastChangeAt,
  };
}
