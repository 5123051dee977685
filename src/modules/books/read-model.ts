import type { Db } from "../../db/engine.ts";
import {
  orderIdsPlacedIn,
  ordersWithLines,
  type RefundWithLines,
  refundIdsRecordedIn,
  refundWithLines,
} from "../orders/index.ts";
import type { SummarisedOrder } from "./summary-builder.ts";

/**
 * The orders and refunds the books post, read through the orders module. Read-only: the books
 * module never writes orders, it only decides which of them reach the books.
 */

export type PostableOrder = SummarisedOrder & { placedAt: Date; customerName: string | null };

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
