import { randomUUID } from "node:crypto";
import type { Product } from "../catalog/index.ts";
import type { NewEvent } from "../events/index.ts";
import type { MovementInput } from "../inventory/index.ts";
import { orderStatusChanged, refundRecorded, shipmentCreated } from "./events.ts";
import { type OrderLine, openQty } from "./lines.ts";
import { type ChannelRefund, type ChannelShipment, type RefundOutcome, refundError } from "./order-page.ts";
import { planRefund, refundOfLine, statusAfterRefund } from "./refunds.ts";
import type { orders, refundLines, refunds, shipmentLines, shipments } from "./schema.ts";

type OrderRow = typeof orders.$inferSelect;

/** Rows, events and movements a page's new orders add beside themselves, written together. */
export type Effects = {
  shipments: (typeof shipments.$inferInsert)[];
  shipmentLines: (typeof shipmentLines.$inferInsert)[];
  refunds: (typeof refunds.$inferInsert)[];
  refundLines: (typeof refundLines.$inferInsert)[];
  events: NewEvent[];
  /** The current order's; the caller takes them per order. */
  movements: MovementInput[];
};

const history = (historical: boolean) => (historical ? { historical: true } : {});

function stockOf(order: OrderRow, line: OrderLine, found: ReadonlyMap<string, Product>) {
  return {
    accountId: order.accountId,
    productId: line.productId,
    sku: line.sku,
    warehouseId: order.warehouseId,
    allowBackorder: found.get(line.sku)?.allowBackorder ?? false,
  };
}

/**
 * What shipments.ts's createShipment does for a new order the channel shipped whole, in memory:
 * every open unit ships, the order is shipped. Its reservation was on paper only (create-orders.ts),
 * so each line is one on-hand movement that leaves `reserved` alone.
 */
export function applyChannelShipment(
  order: OrderRow,
  lines: OrderLine[],
  found: ReadonlyMap<string, Product>,
  shipment: ChannelShipment,
  effects: Effects,
): void {
  const shipmentId = randomUUID();
  effects.shipments.push({
    id: shipmentId,
    accountId: order.accountId,
    orderId: order.id,
    platformShipmentId: shipment.platformShipmentId,
    carrier: null,
    trackingNumber: null,
    trackingUrl: null,
    shippedAt: new Date(),
  });
  for (const line of lines) {
    const qty = openQty(line);
    if (qty <= 0) continue;
    effects.movements.push({
      ...stockOf(order, line, found),
      onHandDelta: -qty,
      reservedDelta: 0,
      reason: "ship",
      idempotencyKey: `shipment:${shipmentId}:${line.lineNo}`,
      referenceType: "shipment",
      referenceId: shipmentId,
    });
    line.reservedQty = 0;
    line.backorderedQty = 0;
    line.shippedQty += qty;
    effects.shipmentLines.push({ shipmentId, orderLineId: line.id, quantity: qty });
  }
  const from = order.status;
  if (from === "pending" || from === "processing") order.status = "shipped";
  effects.events.push(
    shipmentCreated.of({
      accountId: order.accountId,
      subject: order.id,
      payload: {
        orderId: order.id,
        shipmentId,
        connectionId: order.connectionId,
        carrier: null,
        trackingNumber: null,
        trackingUrl: null,
        ...history(shipment.historical),
      },
    }),
  );
  if (order.status !== from) {
    effects.events.push(
      orderStatusChanged.of({
        accountId: order.accountId,
        subject: order.id,
        payload: {
          orderId: order.id,
          from,
          status: order.status,
          connectionId: order.connectionId,
          ...history(shipment.historical),
        },
      }),
    );
  }
}

/**
 * What refunds.ts's recordRefund does for each of a new order's channel refunds, in turn and in
 * memory. A refund it would refuse is left out and reported; one whose platform id came earlier in
 * the list is a replay.
 */
export function applyChannelRefunds(
  order: OrderRow,
  lines: OrderLine[],
  found: ReadonlyMap<string, Product>,
  channelRefunds: readonly ChannelRefund[],
  effects: Effects,
): RefundOutcome[] {
  const seen = new Set<string>();
  return channelRefunds.map((refund) => {
    const base = { platformRefundId: refund.platformRefundId, historical: refund.historical };
    if (refund.platformRefundId !== undefined && seen.has(refund.platformRefundId))
      return { ...base, replayed: true };
    try {
      applyRefund(order, lines, found, refund, effects);
    } catch (error) {
      return { ...base, replayed: false, error: refundError(error) };
    }
    if (refund.platformRefundId !== undefined) seen.add(refund.platformRefundId);
    return { ...base, replayed: false };
  });
}

function applyRefund(
  order: OrderRow,
  lines: OrderLine[],
  found: ReadonlyMap<string, Product>,
  refund: ChannelRefund,
  effects: Effects,
): void {
  if (refund.currency !== order.currency) {
    throw Object.assign(new Error(`refund is in ${refund.currency} but the order is in ${order.currency}`), {
      code: "currency_mismatch",
    });
  }
  // Throws, as recordRefund does, before anything below changes.
  const plan = planRefund(lines, refund.lines);
  const amount =
    refund.amountMinor ?? plan.reduce((n, p) => n + (p.amountMinor ?? p.quantity * p.line.unitPriceMinor), 0);
  if (amount <= 0 && plan.length === 0)
    throw Object.assign(new Error("a refund needs lines or an amount"), { code: "refund_empty" });
  const refundId = randomUUID();
  effects.refunds.push({
    id: refundId,
    accountId: order.accountId,
    orderId: order.id,
    platformRefundId: refund.platformRefundId ?? null,
    amountMinor: amount,
    currency: refund.currency,
    reason: refund.reason ?? null,
    refundedAt: refund.refundedAt ?? new Date(),
    historical: refund.historical,
  });
  for (const p of plan) {
    const { line } = p;
    const { fromBackorder, fromReserved, restocked } = refundOfLine(line, p);
    const ref = { referenceType: "refund", referenceId: refundId, ...stockOf(order, line, found) };
    if (fromReserved > 0)
      effects.movements.push({
        ...ref,
        onHandDelta: 0,
        reservedDelta: -fromReserved,
        reason: "refund-restock",
        idempotencyKey: `refund:${refundId}:${line.lineNo}:release`,
      });
    if (restocked > 0)
      effects.movements.push({
        ...ref,
        onHandDelta: restocked,
        reservedDelta: 0,
        reason: "refund-restock",
        idempotencyKey: `refund:${refundId}:${line.lineNo}:restock`,
      });
    line.backorderedQty -= fromBackorder;
    line.reservedQty -= fromReserved;
    line.refundedQty += p.quantity;
    line.restockedQty += restocked;
    effects.refundLines.push({
      refundId,
      orderLineId: line.id,
      quantity: p.quantity,
      amountMinor: p.amountMinor ?? p.quantity * line.unitPriceMinor,
      restock: p.restock,
    });
  }
  const from = order.status;
  order.status = statusAfterRefund(lines);
  order.refundedMinor += amount;
  effects.events.push(
    refundRecorded.of({
      accountId: order.accountId,
      subject: order.id,
      payload: {
        orderId: order.id,
        orderNumber: order.orderNumber,
        refundId,
        connectionId: order.connectionId,
        amountMinor: amount,
        currency: refund.currency,
        lines: plan.map((p) => ({ sku: p.line.sku, quantity: p.quantity, restock: p.restock })),
        ...history(refund.historical),
      },
    }),
  );
  if (order.status !== from) {
    effects.events.push(
      orderStatusChanged.of({
        accountId: order.accountId,
        subject: order.id,
        payload: {
          orderId: order.id,
          from,
          status: order.status,
          connectionId: order.connectionId,
          ...history(refund.historical),
        },
      }),
    );
  }
}
