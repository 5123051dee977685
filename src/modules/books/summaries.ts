import { and, asc, desc, eq, gte, inArray, lte, or, sql } from "drizzle-orm";
import type { Db } from "../../db/engine.ts";
import { inTransaction } from "../../db/tx.ts";
import type { StoredSummary } from "./documents.ts";
import { ensurePosting, type Posting } from "./ledger.ts";
import { insertPeriodSummaries } from "./period-summary.ts";
import { periodBounds } from "./periods.ts";
import { booksSummaries, booksSummaryOrders } from "./schema.ts";
import type { SummaryDraft } from "./summary-builder.ts";

export type Summary = typeof booksSummaries.$inferSelect;

/** The ledger subject of a summary: stable across re-summarising, so the ledger row is reused. */
export const summarySubject = (channelConnectionId: string, periodKey: string, currency: string) =>
  `${channelConnectionId}:${periodKey}:${currency}`;

/** Stores a summary and the orders it covers; null if another run stored this period first. */
export async function storeSummary(
  db: Db,
  input: { accountId: string; channelConnectionId: string; periodKey: string; generation?: number },
  draft: SummaryDraft,
): Promise<Summary | null> {
  const { orders, ...totals } = draft;
  const [row] = await db
    .insert(booksSummaries)
    .values({ ...input, ...totals })
    .onConflictDoNothing()
    .returning();
  if (!row) return null;
  if (orders.length > 0) {
    await db.insert(booksSummaryOrders).values(
      orders.map((o) => ({
        summaryId: row.id,
        accountId: input.accountId,
        orderId: o.id,
        orderNumber: o.orderNumber,
      })),
    );
  }
  return row;
}

export type PeriodTarget = {
  accountId: string;
  channelConnectionId: string;
  booksConnectionId: string;
  periodKey: string;
};

/**
 * The summaries of one period, built from its not-yet-summarised orders the first time and left
 * alone after that (re-syncing never posts an order twice); one per currency. Returns their
 * ledger rows.
 */
export async function summarisePeriod(db: Db, t: PeriodTarget, generation = 1): Promise<Posting[]> {
  return inTransaction(db, async (tx) => {
    // A period already summarised in a currency stays as it is; re-summarise to add late orders.
    await insertPeriodSummaries(tx, {
      accountId: t.accountId,
      channelConnectionId: t.channelConnectionId,
      periodKey: t.periodKey,
      ...periodBounds(t.periodKey),
      generation,
    });
    const stored = await tx
      .select({ currency: booksSummaries.currency })
      .from(booksSummaries)
      .where(
        and(
          eq(booksSummaries.channelConnectionId, t.channelConnectionId),
          eq(booksSummaries.periodKey, t.periodKey),
        ),
      )
      .orderBy(asc(booksSummaries.currency));
    const postings: Posting[] = [];
    for (const { currency } of stored) {
      postings.push(
        await ensurePosting(tx, {
          accountId: t.accountId,
          booksConnectionId: t.booksConnectionId,
          channelConnectionId: t.channelConnectionId,
          subjectType: "summary",
          subjectId: summarySubject(t.channelConnectionId, t.periodKey, currency),
        }),
      );
    }
    return postings;
  });
}

async function ordersOf(db: Db, summaryIds: string[]) {
  if (summaryIds.length === 0) return [];
  return db
    .select()
    .from(booksSummaryOrders)
    .where(inArray(booksSummaryOrders.summaryId, summaryIds))
    .orderBy(asc(booksSummaryOrders.orderNumber));
}

/** The stored summary behind a ledger subject, or null when it is gone. */
export async function summaryForSubject(
  db: Db,
  subjectId: string,
): Promise<(StoredSummary & { id: string }) | null> {
  const [channelConnectionId, periodKey, currency] = subjectId.split(":") as [string, string, string];
  const [row] = await db
    .select()
    .from(booksSummaries)
    .where(
      and(
        eq(booksSummaries.channelConnectionId, channelConnectionId),
        eq(booksSummaries.periodKey, periodKey),
        eq(booksSummaries.currency, currency),
      ),
    );
  if (!row) return null;
  return { ...row, orderNumbers: (await ordersOf(db, [row.id])).map((o) => o.orderNumber) };
}

/** The summary an order sits in, with its ledger subject (for refunds that adjust it). */
export async function summaryOfOrder(db: Db, orderId: string): Promise<Summary | null> {
  const [row] = await db
    .select({ summary: booksSummaries })
    .from(booksSummaryOrders)
    .innerJoin(booksSummaries, eq(booksSummaries.id, booksSummaryOrders.summaryId))
    .where(eq(booksSummaryOrders.orderId, orderId));
  return row?.summary ?? null;
}

export async function getSummary(db: Db, accountId: string, id: string): Promise<Summary | null> {
  const [row] = await db
    .select()
    .from(booksSummaries)
    .where(and(eq(booksSummaries.accountId, accountId), eq(booksSummaries.id, id)));
  return row ?? null;
}

export type SummaryFilter = { channelConnectionId?: string; from?: string; to?: string; limit: number };

export async function listSummaries(db: Db, accountId: string, f: SummaryFilter) {
  const rows = await db
    .select()
    .from(booksSummaries)
    .where(
      and(
        eq(booksSummaries.accountId, accountId),
        f.channelConnectionId ? eq(booksSummaries.channelConnectionId, f.channelConnectionId) : undefined,
        // Keys are days ("2024-02-10") or months ("2024-02"): a month is in the range if it overlaps it.
        f.from
          ? or(
              gte(booksSummaries.periodKey, f.from),
              and(
                sql`length(${booksSummaries.periodKey}) = 7`,
                gte(booksSummaries.periodKey, f.from.slice(0, 7)),
              ),
            )
          : undefined,
        f.to ? lte(booksSummaries.periodKey, f.to) : undefined,
      ),
    )
    .orderBy(desc(booksSummaries.periodKey), asc(booksSummaries.id))
    .limit(f.limit);
  const orders = await ordersOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({
    id: r.id,
    channelConnectionId: r.channelConnectionId,
    periodKey: r.periodKey,
    currency: r.currency,
    lines: r.lines,
    discountMinor: r.discountMinor,
    taxMinor: r.taxMinor,
    shippingMinor: r.shippingMinor,
    totalMinor: r.totalMinor,
    generation: r.generation,
    orders: orders
      .filter((o) => o.summaryId === r.id)
      .map((o) => ({ id: o.orderId, orderNumber: o.orderNumber })),
    createdAt: r.createdAt.toISOString(),
  }));
}
