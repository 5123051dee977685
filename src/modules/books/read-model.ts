import { and, asc, eq, gte, inArray, lt, ne, notExists, sql } from "drizzle-orm";
import type { Db } from "../../db/engine.ts";
import { orderLines, orders, refundLines, refunds } from "../orders/schema.ts";
import { booksPostings, booksSummaryOrders } from "./schema.ts";
import type { SummarisedOrder } from "./summary-builder.ts";

/**
 * Date-range reads of the orders module's tables for posting. Read-only: the books module never
 * writes orders, it only decides which of them reach the books.
 */

export type PostableOrder = SummarisedOrder & { placedAt: Date; customerName: string | null };

async function withLines(db: Db, rows: (typeof orders.$inferSelect)[]): Promise<PostableOrder[]> {
  if (rows.length === 0) return [];
  const lines = await db
    .select()
    .from(orderLines)
    .where(
      inArray(
        orderLines.orderId,
        rows.map((r) => r.id),
      ),
    )
    .orderBy(asc(orderLines.lineNo));
  return rows.map((o) => ({
    id: o.id,
    orderNumber: o.orderNumber,
    currency: o.currency,
    discountMinor: o.discountMinor,
    taxMinor: o.taxMinor,
    shippingMinor: o.shippingMinor,
    placedAt: o.placedAt,
    customerName: o.customerName ?? o.customerEmail,
    lines: lines
      .filter((l) => l.orderId === o.id)
      .map((l) => ({ sku: l.sku, name: l.name, quantity: l.quantity, unitPriceMinor: l.unitPriceMinor })),
  }));
}

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
  const rows = await db
    .select()
    .from(orders)
    .where(
      and(
        eq(orders.accountId, accountId),
        eq(orders.connectionId, channelConnectionId),
        gte(orders.placedAt, start),
        lt(orders.placedAt, end),
        ne(orders.status, "cancelled"),
        notExists(db.select().from(booksSummaryOrders).where(eq(booksSummaryOrders.orderId, orders.id))),
        notExists(
          db
            .select()
            .from(booksPostings)
            .where(
              and(
                eq(booksPostings.subjectType, "order"),
                sql`${booksPostings.subjectId} = ${orders.id}::text`,
              ),
            ),
        ),
      ),
    )
    .orderBy(asc(orders.placedAt), asc(orders.id));
  return withLines(db, rows);
}

export async function postableOrder(db: Db, orderId: string): Promise<PostableOrder | null> {
  const rows = await db.select().from(orders).where(eq(orders.id, orderId));
  return (await withLines(db, rows))[0] ?? null;
}

/** Order ids of a channel connection placed in [start, end), cancelled ones left out. */
export async function orderIdsInRange(
  db: Db,
  accountId: string,
  channelConnectionId: string,
  start: Date,
  end: Date,
) {
  const rows = await db
    .select({ id: orders.id })
    .from(orders)
    .where(
      and(
        eq(orders.accountId, accountId),
        eq(orders.connectionId, channelConnectionId),
        gte(orders.placedAt, start),
        lt(orders.placedAt, end),
        ne(orders.status, "cancelled"),
      ),
    );
  return rows.map((r) => r.id);
}

/** Refund ids of a channel connection's orders recorded in [start, end). */
export async function refundIdsInRange(
  db: Db,
  accountId: string,
  channelConnectionId: string,
  start: Date,
  end: Date,
) {
  const rows = await db
    .select({ id: refunds.id })
    .from(refunds)
    .innerJoin(orders, eq(orders.id, refunds.orderId))
    .where(
      and(
        eq(refunds.accountId, accountId),
        eq(orders.connectionId, channelConnectionId),
        gte(refunds.refundedAt, start),
        lt(refunds.refundedAt, end),
      ),
    );
  return rows.map((r) => r.id);
}

export type PostableRefund = {
  id: string;
  orderId: string;
  orderNumber: string;
  customerName: string | null;
  currency: string;
  amountMinor: number;
  refundedAt: Date;
  lines: { sku: string; quantity: number; amountMinor: number; unitPriceMinor: number }[];
};

export async function postableRefund(db: Db, refundId: string): Promise<PostableRefund | null> {
  const [row] = await db
    .select({ refund: refunds, order: orders })
    .from(refunds)
    .innerJoin(orders, eq(orders.id, refunds.orderId))
    .where(eq(refunds.id, refundId));
  if (!row) return null;
  const lines = await db
    .select({
      sku: orderLines.sku,
      quantity: refundLines.quantity,
      amountMinor: refundLines.amountMinor,
      unitPriceMinor: orderLines.unitPriceMinor,
    })
    .from(refundLines)
    .innerJoin(orderLines, eq(orderLines.id, refundLines.orderLineId))
    .where(eq(refundLines.refundId, refundId))
    .orderBy(asc(orderLines.lineNo));
  return {
    id: row.refund.id,
    orderId: row.order.id,
    orderNumber: row.order.orderNumber,
    customerName: row.order.customerName ?? row.order.customerEmail,
    currency: row.refund.currency,
    amountMinor: row.refund.amountMinor,
    refundedAt: row.refund.refundedAt,
    lines,
  };
}
