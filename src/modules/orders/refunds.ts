import { and, eq } from "drizzle-orm";
import type { Db } from "../../db/engine.ts";
import { inTransaction } from "../../db/tx.ts";
import { AppError, invalid } from "../../lib/errors.ts";
import { backorderPolicy } from "../catalog/index.ts";
import { appendEvents } from "../events/index.ts";
import { release, restock } from "../inventory/index.ts";
import { orderStatusChanged, refundRecorded } from "./events.ts";
import { loadLinesForUpdate, type OrderLine, stockItemOf } from "./lines.ts";
import { lockOrder } from "./order-lookup.ts";
import { orderLines, orders, refundLines, refunds } from "./schema.ts";

export type RefundInput = {
  platformRefundId?: string;
  currency: string;
  amountMinor?: number;
  reason?: string;
  refundedAt?: Date;
  lines: { sku: string; quantity: number; restock: boolean; amountMinor?: number }[];
};

/**
 * Records a refund against its order. Refunded units that had not shipped come out of the
 * reservation; shipped units come back to on-hand when `restock` is set. The same platform refund
 * id twice is a no-op. `historical`: a backfill brought a refund made before the hub was watching
 * (sync/history.ts); it counts, and its events say so, so notifications stay quiet.
 */
export async function recordRefund(
  db: Db,
  accountId: string,
  orderId: string,
  input: RefundInput,
  options: { historical?: boolean } = {},
) {
  const history = options.historical ? { historical: true } : {};
  return inTransaction(db, async (tx) => {
    const order = await lockOrder(tx, accountId, orderId);
    if (input.platformRefundId) {
      const [earlier] = await tx
        .select()
        .from(refunds)
        .where(and(eq(refunds.orderId, order.id), eq(refunds.platformRefundId, input.platformRefundId)));
      if (earlier) return { refundId: earlier.id, replayed: true };
    }
    if (input.currency !== order.currency) {
      throw new AppError(
        "invalid_data",
        "currency_mismatch",
        `refund is in ${input.currency} but the order is in ${order.currency}`,
      );
    }
    const lines = await loadLinesForUpdate(tx, order.id);
    const policy = await backorderPolicy(
      tx,
      accountId,
      lines.map((l) => l.productId),
    );
    const plan = planRefund(lines, input.lines);
    const amount =
      input.amountMinor ??
      plan.reduce((n, p) => n + (p.amountMinor ?? p.quantity * p.line.unitPriceMinor), 0);
    if (amount <= 0 && plan.length === 0) throw invalid("refund_empty", "a refund needs lines or an amount");
    const [refund] = await tx
      .insert(refunds)
      .values({
        accountId,
        orderId: order.id,
        platformRefundId: input.platformRefundId ?? null,
        amountMinor: amount,
        currency: input.currency,
        reason: input.reason ?? null,
        refundedAt: input.refundedAt ?? new Date(),
        historical: options.historical ?? false,
      })
      .returning();
    for (const p of plan) {
      const { line } = p;
      const item = stockItemOf(order, line, policy.get(line.productId));
      const ref = { referenceType: "refund", referenceId: refund!.id };
      const { fromBackorder, fromReserved, restocked } = refundOfLine(line, p);
      await release(
        tx,
        item,
        fromReserved,
        { ...ref, key: `refund:${refund!.id}:${line.lineNo}:release` },
        "refund-restock",
      );
      await restock(
        tx,
        item,
        restocked,
        { ...ref, key: `refund:${refund!.id}:${line.lineNo}:restock` },
        "refund-restock",
      );
      await tx
        .update(orderLines)
        .set({
          backorderedQty: line.backorderedQty - fromBackorder,
          reservedQty: line.reservedQty - fromReserved,
          refundedQty: line.refundedQty + p.quantity,
          restockedQty: line.restockedQty + restocked,
        })
        .where(eq(orderLines.id, line.id));
      await tx.insert(refundLines).values({
        refundId: refund!.id,
        orderLineId: line.id,
        quantity: p.quantity,
        amountMinor: p.amountMinor ?? p.quantity * line.unitPriceMinor,
        restock: p.restock,
      });
    }
    const after = await loadLinesForUpdate(tx, order.id);
    const status = statusAfterRefund(after);
    await tx
      .update(orders)
      .set({ status, refundedMinor: order.refundedMinor + amount, updatedAt: new Date() })
      .where(eq(orders.id, order.id));
    await appendEvents(tx, [
      refundRecorded.of({
        accountId,
        subject: order.id,
        payload: {
          orderId: order.id,
          orderNumber: order.orderNumber,
          refundId: refund!.id,
          connectionId: order.connectionId,
          amountMinor: amount,
          currency: input.currency,
          lines: plan.map((p) => ({ sku: p.line.sku, quantity: p.quantity, restock: p.restock })),
          ...history,
        },
      }),
      ...(status !== order.status
        ? [
            orderStatusChanged.of({
              accountId,
              subject: order.id,
              payload: {
                orderId: order.id,
                from: order.status,
                status,
                connectionId: order.connectionId,
                ...history,
              },
            }),
          ]
        : []),
    ]);
    return { refundId: refund!.id, replayed: false };
  });
}

export type PlannedLine = {
  line: OrderLine;
  quantity: number;
  restock: boolean;
  amountMinor: number | undefined;
};

/**
 * Where a line's refunded units come from: backordered units first, then reserved ones, then
 * shipped ones, which come back to on-hand when restocked (never more than shipped and not yet
 * restocked).
 */
export function refundOfLine(line: OrderLine, p: { quantity: number; restock: boolean }) {
  const fromBackorder = Math.min(p.quantity, line.backorderedQty);
  const fromReserved = Math.min(p.quantity - fromBackorder, line.reservedQty);
  const shippedPart = p.quantity - fromBackorder - fromReserved;
  const restocked = p.restock ? Math.min(shippedPart, line.shippedQty - line.restockedQty) : 0;
  return { fromBackorder, fromReserved, restocked };
}

/** The status an order takes after a refund: refunded once every line is refunded in full. */
export function statusAfterRefund(lines: readonly OrderLine[]): "refunded" | "partially_refunded" {
  return lines.every((l) => l.refundedQty >= l.quantity) ? "refunded" : "partially_refunded";
}

/** Spreads each requested SKU quantity over the order's lines of that SKU, refusing over-refunds. */
export function planRefund(lines: OrderLine[], wanted: RefundInput["lines"]): PlannedLine[] {
  const left = new Map(lines.map((l) => [l.id, l.quantity - l.refundedQty]));
  const plan: PlannedLine[] = [];
  const skus = wanted.map((w) => w.sku);
  if (new Set(skus).size !== skus.length)
    throw invalid("refund_sku_repeated", "list each SKU once in a refund");
  for (const w of wanted) {
    let need = w.quantity;
    const candidates = lines.filter((l) => l.sku === w.sku);
    if (candidates.length === 0)
      throw invalid("refund_sku_not_in_order", `the order has no line with SKU ${w.sku}`, { sku: w.sku });
    for (const line of candidates) {
      const take = Math.min(need, left.get(line.id) ?? 0);
      if (take <= 0) continue;
      left.set(line.id, (left.get(line.id) ?? 0) - take);
      need -= take;
      plan.push({
        line,
        quantity: take,
        restock: w.restock,
        amountMinor:
          w.amountMinor !== undefined ? Math.round((w.amountMinor * take) / w.quantity) : undefined,
      });
    }
    if (need > 0)
      throw invalid(
        "refund_quantity_exceeds_remaining",
        `cannot refund ${w.quantity} of ${w.sku}: only ${w.quantity - need} not yet refunded`,
        {
          sku: w.sku,
        },
      );
  }
  return plan;
}
