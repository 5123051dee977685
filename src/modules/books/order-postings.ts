import { and, asc, eq, inArray, or } from "drizzle-orm";
import type { Db } from "../../db/engine.ts";
import { notFound } from "../../lib/errors.ts";
import { orderExists, refundIdsOfOrder } from "../orders/index.ts";
import { postingView } from "./ledger.ts";
import { booksPostings, booksSummaries, booksSummaryOrders } from "./schema.ts";
import { summarySubject } from "./summaries.ts";

/**
 * How one order reached the books: its own posting (individual mode), the summary it sits in
 * (summary mode) and its refunds' postings, for the order page.
 */
export async function orderPostings(db: Db, accountId: string, orderId: string) {
  if (!(await orderExists(db, accountId, orderId))) throw notFound("order");
  const [summary] = await db
    .select({
      id: booksSummaries.id,
      channelConnectionId: booksSummaries.channelConnectionId,
      periodKey: booksSummaries.periodKey,
      currency: booksSummaries.currency,
    })
    .from(booksSummaryOrders)
    .innerJoin(booksSummaries, eq(booksSummaries.id, booksSummaryOrders.summaryId))
    .where(eq(booksSummaryOrders.orderId, orderId));
  const refundIds = await refundIdsOfOrder(db, orderId);
  const subjects = [
    and(eq(booksPostings.subjectType, "order"), eq(booksPostings.subjectId, orderId)),
    summary
      ? and(
          eq(booksPostings.subjectType, "summary"),
          eq(
            booksPostings.subjectId,
            summarySubject(summary.channelConnectionId, summary.periodKey, summary.currency),
          ),
        )
      : undefined,
    refundIds.length > 0
      ? and(eq(booksPostings.subjectType, "refund"), inArray(booksPostings.subjectId, refundIds))
      : undefined,
  ];
  const rows = await db
    .select()
    .from(booksPostings)
    .where(and(eq(booksPostings.accountId, accountId), or(...subjects)))
    .orderBy(asc(booksPostings.createdAt));
  return {
    summary: summary ? { id: summary.id, periodKey: summary.periodKey } : null,
    items: rows.map(postingView),
  };
}
