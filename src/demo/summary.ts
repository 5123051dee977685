import { sql } from "drizzle-orm";
import type { Db } from "../db/engine.ts";
import { queryRows } from "../db/rows.ts";

/** What the demo account holds, counted in the hub's database (the numbers `--exit-after-sync` prints). */
export type DemoSummary = {
  /** Products in the catalogue (imported from the stores). */
  products: number;
  /** Orders imported from the stores. */
  orders: number;
  /** Stock writes the channels confirmed (the per-SKU sync log keeps the latest per SKU and store). */
  pushes: number;
  /** Documents posted to QuickBooks (summary sales, sales, refund receipts). */
  postings: number;
  /** Notifications recorded in the notification centre. */
  notifications: number;
  connections: number;
  /** Seconds since the demo started. */
  seconds: number;
};

type Counts = Omit<DemoSummary, "seconds">;

/** One read across the modules' tables: a report, so it reads them directly instead of paging through the API. */
export async function readSummary(db: Db, accountId: string, startedAt: number): Promise<DemoSummary> {
  const [row] = await queryRows<Record<keyof Counts, number>>(
    db,
    sql`select
      (select count(*)::int from products where account_id = ${accountId}) as products,
      (select count(*)::int from orders where account_id = ${accountId}) as orders,
      (select count(*)::int from sync_log
        where account_id = ${accountId} and direction = 'push' and result = 'ok') as pushes,
      (select count(*)::int from books_postings where account_id = ${accountId} and status = 'posted') as postings,
      (select count(*)::int from notifications where account_id = ${accountId}) as notifications,
      (select count(*)::int from connections where account_id = ${accountId}) as connections`,
  );
  return {
    products: row?.products ?? 0,
    orders: row?.orders ?? 0,
    pushes: row?.pushes ?? 0,
    postings: row?.postings ?? 0,
    notifications: row?.notifications ?? 0,
    connections: row?.connections ?? 0,
    seconds: Math.round((Date.now() - startedAt) / 100) / 10,
  };
}
