import { and, asc, desc, eq, gte, ilike, inArray, lte, or, sql } from "drizzle-orm";
import type { Db } from "../../db/engine.ts";
import { likePattern } from "../../db/sql.ts";
import type { CursorKey } from "../../http/pagination.ts";
import { notFound } from "../../lib/errors.ts";
import {
  type OrderStatus,
  orderLines,
  orders,
  refundLines,
  refunds,
  shipmentLines,
  shipments,
} from "./schema.ts";

export type OrderFilter = {
  connectionId?: string;
  status?: OrderStatus;
  from?: Date;
  to?: Date;
  customer?: string;
  state?: string;
  q?: string;
  after?: CursorKey;
  limit: number;
};

export function orderSummary(o: typeof orders.$inferSelect) {
  return {
    id: o.id,
    connectionId: o.connectionId,
    platformOrderId: o.platformOrderId,
    orderNumber: o.orderNumber,
    placedAt: o.placedAt.toISOString(),
    status: o.status,
    channelStatus: o.channelStatus,
    financialStatus: o.financialStatus,
    currency: o.currency,
    totalMinor: o.totalMinor,
    refundedMinor: o.refundedMinor,
    customerName: o.customerName,
    customerEmail: o.customerEmail,
    shipState: o.shipState,
    shipCountry: o.shipCountry,
    backordered: o.backordered,
    /** Brought by a backfill from before the hub was watching: counted, never announced. */
    historical: o.historical,
  };
}
export type OrderSummary = ReturnType<typeof orderSummary>;

/** Newest first by placed time, keyset-paged. */
export async function listOrders(db: Db, accountId: string, f: OrderFilter) {
  const rows = await db
    .select()
    .from(orders)
    .where(
      and(
        eq(orders.accountId, accountId),
        f.connectionId ? eq(orders.connectionId, f.connectionId) : undefined,
        f.status ? eq(orders.status, f.status) : undefined,
        f.from ? gte(orders.placedAt, f.from) : undefined,
        f.to ? lte(orders.placedAt, f.to) : undefined,
        f.state ? eq(orders.shipState, f.state) : undefined,
        f.customer
          ? or(
              ilike(orders.customerName, likePattern(f.customer)),
              ilike(orders.customerEmail, likePattern(f.customer)),
            )
          : undefined,
        f.q ? or(ilike(orders.orderNumber, likePattern(f.q)), eq(orders.platformOrderId, f.q)) : undefined,
        f.after
          ? sql`(${orders.placedAt}, ${orders.id}) < (${new Date(String(f.after.v)).toISOString()}::timestamptz, ${f.after.id}::uuid)`
          : undefined,
      ),
    )
    .orderBy(desc(orders.placedAt), desc(orders.id))
    .limit(f.limit + 1);
  return rows.map(orderSummary);
}

export async function getOrderDetail(db: Db, accountId: string, orderId: string) {
  const [order] = await db
    .select()
    .from(orders)
    .where(and(eq(orders.accountId, accountId), eq(orders.id, orderId)));
  if (!order) throw notFound("order");
  const lines = await db
    .select()
    .from(orderLines)
    .where(eq(orderLines.orderId, order.id))
    .orderBy(asc(orderLines.lineNo));
  const refundRows = await db
    .select()
    .from(refunds)
    .where(eq(refunds.orderId, order.id))
    .orderBy(asc(refunds.refundedAt));
  const refundLineRows = refundRows.length
    ? await db
        .select()
        .from(refundLines)
        .where(
          inArray(
            refundLines.refundId,
            refundRows.map((r) => r.id),
          ),
        )
    : [];
  const shipmentRows = await db
    .select()
    .from(shipments)
    .where(eq(shipments.orderId, order.id))
    .orderBy(asc(shipments.shippedAt));
  const shipmentLineRows = shipmentRows.length
    ? await db
        .select()
        .from(shipmentLines)
        .where(
          inArray(
            shipmentLines.shipmentId,
            shipmentRows.map((s) => s.id),
          ),
        )
    : [];
  const skuOf = new Map(lines.map((l) => [l.id, l.sku]));
  return {
    ...orderSummary(order),
    subtotalMinor: order.subtotalMinor,
    discountMinor: order.discountMinor,
    taxMinor: order.taxMinor,
    shippingMinor: order.shippingMinor,
    warehouseId: order.warehouseId,
    shippingAddress: {
      name: order.shipName,
      line1: order.shipLine1,
      line2: order.shipLine2,
      city: order.shipCity,
      state: order.shipState,
      postalCode: order.shipPostalCode,
      country: order.shipCountry,
    },
    lines: lines.map((l) => ({
      id: l.id,
      lineNo: l.lineNo,
      sku: l.sku,
      name: l.name,
      quantity: l.quantity,
      unitPriceMinor: l.unitPriceMinor,
      discountMinor: l.discountMinor,
      taxMinor: l.taxMinor,
      reservedQty: l.reservedQty,
      backorderedQty: l.backorderedQty,
      shippedQty: l.shippedQty,
      refundedQty: l.refundedQty,
      restockedQty: l.restockedQty,
      cancelledQty: l.cancelledQty,
    })),
    refunds: refundRows.map((r) => ({
      id: r.id,
      platformRefundId: r.platformRefundId,
      amountMinor: r.amountMinor,
      currency: r.currency,
      reason: r.reason,
      refundedAt: r.refundedAt.toISOString(),
      lines: refundLineRows
        .filter((l) => l.refundId === r.id)
        .map((l) => ({
          sku: skuOf.get(l.orderLineId) ?? "",
          quantity: l.quantity,
          amountMinor: l.amountMinor,
          restock: l.restock,
        })),
    })),
    shipments: shipmentRows.map((s) => ({
      id: s.id,
      platformShipmentId: s.platformShipmentId,
      carrier: s.carrier,
      trackingNumber: s.trackingNumber,
      trackingUrl: s.trackingUrl,
      shippedAt: s.shippedAt.toISOString(),
      lines: shipmentLineRows
        .filter((l) => l.shipmentId === s.id)
        .map((l) => ({ sku: skuOf.get(l.orderLineId) ?? "", quantity: l.quantity })),
    })),
  };
}
