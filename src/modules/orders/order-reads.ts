import { and, asc, eq, gte, lt, ne, sql } from "drizzle-orm";
import type { Db } from "../../db/engine.ts";
import { queryRows } from "../../db/rows.ts";
import { pgArray } from "../../db/sql.ts";
import { orderLines, orders, refundLines, refunds } from "./schema.ts";

/**
 * Read-only views of orders and refunds for the modules downstream (the books decide which of
 * them to post): set-based, so a reader combines them with its own tables in a fixed number of
 * queries.
 */

export type OrderWithLines = {
  id: string;
  orderNumber: string;
  currency: string;
  discountMinor: number;
  taxMinor: number;
  shippingMinor: number;
  placedAt: Date;
  customerName: string | null;
  lines: { sku: string; name: string; quantity: number; unitPriceMinor: number }[];
};

/** Orders with their lines (in line order), in the order of `orderIds`; unknown ids are left out. */
export async function ordersWithLines(db: Db, orderIds: string[]): Promise<OrderWithLines[]> {
  if (orderIds.length === 0) return [];
  const rows = await db
    .select()
    .from(orders)
    .where(sql`${orders.id} = any(${pgArray(orderIds)}::uuid[])`);
  const lines = await db
    .select()
    .from(orderLines)
    .where(sql`${orderLines.orderId} = any(${pgArray(orderIds)}::uuid[])`)
    .orderBy(asc(orderLines.lineNo));
  const byId = new Map(rows.map((o) => [o.id, o]));
  return orderIds.flatMap((id) => {
    const o = byId.get(id);
    if (!o) return [];
    return [
      {
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
      },
    ];
  });
}

/** Ids of a channel connection's orders placed in [start, end), oldest first, cancelled ones left out. */
export async function orderIdsPlacedIn(
  db: Db,
  accountId: string,
  channelConnectionId: string,
  start: Date,
  end: Date,
): Promise<string[]> {
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
    )
    .orderBy(asc(orders.placedAt), asc(orders.id));
  return rows.map((r) => r.id);
}

/** Ids of the refunds of a channel connection's orders recorded in [start, end). */
export async function refundIdsRecordedIn(
  db: Db,
  accountId: string,
  channelConnectionId: string,
  start: Date,
  end: Date,
): Promise<string[]> {
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

/** Whether the account has this order. */
export async function orderExists(db: Db, accountId: string, orderId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: orders.id })
    .from(orders)
    .where(and(eq(orders.accountId, accountId), eq(orders.id, orderId)));
  return row !== undefined;
}

/** Ids of an order's refunds. */
export async function refundIdsOfOrder(db: Db, orderId: string): Promise<string[]> {
  const rows = await db.select({ id: refunds.id }).from(refunds).where(eq(refunds.orderId, orderId));
  return rows.map((r) => r.id);
}

export type RefundWithLines = {
  id: string;
  orderId: string;
  orderNumber: string;
  customerName: string | null;
  currency: string;
  amountMinor: number;
  refundedAt: Date;
  lines: { sku: string; quantity: number; amountMinor: number; unitPriceMinor: number }[];
};

/** A refund with its order's number and customer and its lines (in the order's line order). */
export async function refundWithLines(db: Db, refundId: string): Promise<RefundWithLines | null> {
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

export type OpenLineTotals = {
  orderId: string;
  /** The order's channel connection. */
  connectionId: string | null;
  productId: string;
  reservedQty: number;
  /** Shipped units, counted only for orders the hub imported since `since`. */
  shippedSinceQty: number;
};

/**
 * Per order and product, the units still reserved and the units shipped on orders imported since
 * `since`, for a warehouse's orders (cancelled left out); only lines with either.
 */
export async function openLineTotals(
  db: Db,
  q: { accountId: string; warehouseId: string; productIds: string[]; since: Date },
): Promise<OpenLineTotals[]> {
  if (q.productIds.length === 0) return [];
  const since = q.since.toISOString();
  const rows = await queryRows<{
    order_id: string;
    connection_id: string | null;
    product_id: string;
    reserved: number;
    shipped_since: number;
  }>(
    db,
    sql`select l.order_id, o.connection_id, l.product_id,
          coalesce(sum(l.reserved_qty), 0)::int as reserved,
          coalesce(sum(l.shipped_qty) filter (where o.created_at >= ${since}), 0)::int as shipped_since
        from order_lines l
        join orders o on o.id = l.order_id
        where l.account_id = ${q.accountId}
          and l.product_id = any(${pgArray(q.productIds)}::uuid[])
          and o.warehouse_id = ${q.warehouseId}
          and o.status <> 'cancelled'
          and (l.reserved_qty > 0 or (l.shipped_qty > 0 and o.created_at >= ${since}))
        group by l.order_id, o.connection_id, l.product_id`,
  );
  return rows.map((r) => ({
    orderId: r.order_id,
    connectionId: r.connection_id,
    productId: r.product_id,
    reservedQty: Number(r.reserved),
    shippedSinceQty: Number(r.shipped_since),
  }));
}
