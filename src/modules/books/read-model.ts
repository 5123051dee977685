import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/engine.ts";
import { pgArray } from "../../db/sql.ts";
import {
  orderIdsPlacedIn,
  ordersWithLines,
  type RefundWithLines,
  refundIdsRecordedIn,
  refundWithLines,
} from "../orders/index.ts";
import { booksPostings, booksSummaryOrders } from "./schema.ts";
import type { SummarisedOrder } from "./summary-builder.ts";

/**
 * The orders and refunds the books post, read through the orders module. Read-only: the books
 * module never writes orders, it only decides which of them reach the books.
 */

export type PostableOrder = SummarisedOrder & { placedAt: Date; customerName: string | null };

/**
 * Orders of a channel connection placed in [start, end) that are in no summary yet and were not
 * queued for individual posting (so switching modes never posts an order twice, R-ORD-4).
 */
export async function unsummarisedOrders(
  db: Db,
  accountId: string,
  channelConnectionId: string,
  start: Date,
  end: Date,
): Promise<PostableOrder[]> {
  const ids = await orderIdsPlacedIn(db, accountId, channelConnectionId, start, end);
  if (ids.length === 0) return [];
  const summarised = await db
    .select({ orderId: booksSummaryOrders.orderId })
    .from(booksSummaryOrders)
    .where(sql`${booksSummaryOrders.orderId} = any(${pgArray(ids)}::uuid[])`);
  const queued = await db
    .select({ orderId: booksPostings.subjectId })
    .from(booksPostings)
    .where(
      and(
        eq(booksPostings.subjectType, "order"),
        sql`${booksPostings.subjectId} = any(${pgArray(ids)}::text[])`,
      ),
    );
  const taken = new Set([...summarised, ...queued].map((r) => r.orderId));
  return ordersWithLines(
    db,
    ids.filter((id) => !taken.has(id)),
  );
}

export async function postableOrder(db: Db, orderId: string): Promise<PostableOrder | null> {
  return (await ordersWithLines(db, [orderId]))[0] ?? null;
}

/** Order ids of a channel connection placed in [start, end), cancelled ones left out. */
export const orderIdsInRange = orderIdsPlacedIn;

/** Refund ids of a channel connection's orders recorded in [start, end). */
export const refundIdsInRange = refundIdsRecordedIn;

export type PostableRefund = RefundWithLines;

export async function postableRefund(db: Db, refundId: string): Promise<PostableRefund | null> {
  return refundWithLines(db, refundId);
}
