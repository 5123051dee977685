import { sql } from "drizzle-orm";
import type { Db } from "../../db/engine.ts";
import { queryRows } from "../../db/rows.ts";
import { inTransaction } from "../../db/tx.ts";
import { type AccountAllotment, accountAllotment, accountsWithAllotment } from "../accounts/index.ts";
import { appendEvents } from "../events/index.ts";
import { allotmentThresholdReached } from "./events.ts";
import { allotmentNotices } from "./schema.ts";

export type OrderUsage = {
  /** The calendar year counted, in the account's time zone. */
  year: number;
  timezone: string;
  from: string;
  to: string;
  /** Orders downloaded this year: each order once, whether summarised or not, history included. */
  used: number;
  /** null: unlimited. */
  allotment: number | null;
  /** used / allotment in per cent, rounded down; null when unlimited. */
  percent: number | null;
  /** Order import is paused until the allotment is raised or the year turns. */
  reached: boolean;
  /** Orders downloaded per month of the year so far (YYYY-MM), for the year's curve. */
  months: { month: string; orders: number }[];
};

/** The year's bounds in the account's time zone, as instants. */
async function yearOf(db: Db, timezone: string, now: Date) {
  const [row] = await queryRows<{ year: number; start: Date | string; end: Date | string }>(
    db,
    sql`select extract(year from y)::int as year, y at time zone ${timezone} as start,
          (y + interval '1 year') at time zone ${timezone} as "end"
        from (select date_trunc('year', ${now.toISOString()}::timestamptz at time zone ${timezone}) as y) t`,
  );
  return { year: row!.year, from: new Date(row!.start), to: new Date(row!.end) };
}

/**
 * Orders the hub downloaded for the account this year, against its allotment (R-ORD-6). An order
 * counts in the year the hub first stored it: re-imports and updates are the same row, so counted once.
 */
export async function orderUsage(db: Db, accountId: string, now = new Date()): Promise<OrderUsage> {
  return usageOf(db, await accountAllotment(db, accountId), now);
}

async function usageOf(db: Db, account: AccountAllotment, now: Date): Promise<OrderUsage> {
  const { year, from, to } = await yearOf(db, account.timezone, now);
  const months = await queryRows<{ month: string; orders: string | number }>(
    db,
    sql`select to_char(created_at at time zone ${account.timezone}, 'YYYY-MM') as month, count(*) as orders
        from orders
        where account_id = ${account.accountId} and created_at >= ${from.toISOString()}::timestamptz
          and created_at < ${to.toISOString()}::timestamptz
        group by 1 order by 1`,
  );
  const used = months.reduce((n, m) => n + Number(m.orders), 0);
  const { allotment } = account;
  return {
    year,
    timezone: account.timezone,
    from: from.toISOString(),
    to: to.toISOString(),
    used,
    allotment,
    percent: allotment === null ? null : allotment === 0 ? 100 : Math.floor((used * 100) / allotment),
    reached: allotment !== null && used >= allotment,
    months: months.map((m) => ({ month: m.month, orders: Number(m.orders) })),
  };
}

/** Whether the account may download more orders now; the usage says why not. */
export async function allotmentReached(
  db: Db,
  accountId: string,
  now = new Date(),
): Promise<OrderUsage | null> {
  const account = await accountAllotment(db, accountId);
  if (account.allotment === null) return null;
  const usage = await usageOf(db, account, now);
  return usage.reached ? usage : null;
}

/**
 * Announces each threshold (80 %, then 100 %) once per account and year: the notice row and the
 * event commit together, so two workers looking at once announce it once.
 */
export async function announceAllotmentThresholds(db: Db, now = new Date()): Promise<number> {
  let announced = 0;
  for (const account of await accountsWithAllotment(db)) {
    const usage = await usageOf(db, account, now);
    if (usage.percent === null || usage.allotment === null) continue;
    for (const threshold of [80, 100] as const) {
      if (usage.percent < threshold) continue;
      const fresh = await inTransaction(db, async (tx) => {
        const [row] = await tx
          .insert(allotmentNotices)
          .values({ accountId: account.accountId, year: usage.year, threshold })
          .onConflictDoNothing()
          .returning({ year: allotmentNotices.year });
        if (!row) return false;
        await appendEvents(tx, [
          allotmentThresholdReached.of({
            accountId: account.accountId,
            subject: account.accountId,
            payload: { year: usage.year, threshold, used: usage.used, allotment: usage.allotment! },
          }),
        ]);
        return true;
      });
      if (fresh) announced++;
    }
  }
  return announced;
}
