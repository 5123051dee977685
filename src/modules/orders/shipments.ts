import { and, eq } from "drizzle-orm";
import type { Db } from "../../db/engine.ts";
import { inTransaction } from "../../db/tx.ts";
import { AppError, invalid } from "../../lib/errors.ts";
import { backorderPolicy } from "../catalog/index.ts";
import { appendEvents } from "../events/index.ts";
import { ship } from "../inventory/index.ts";
import { orderStatusChanged, shipmentCreated } from "./events.ts";
import { loadLinesForUpdate, openQty, stockItemOf } from "./lines.ts";
import { lockOrder } from "./order-lookup.ts";
import { orderLines, orders, shipmentLines, shipments } from "./schema.ts";

export type ShipmentInput = {
  carrier?: string | null;
  trackingNumber?: string;
  trackingUrl?: string;
  shippedAt?: Date;
  platformShipmentId?: string;
  /** Lines to ship by SKU; omitted means everything still open. */
  lines?: { sku: string; quantity: number }[];
};

/**
 * Records a shipment: on-hand drops by what ships and the reservation it consumed is released.
 * The same platform shipment id twice is a no-op returning the first shipment. `historical`: a
 * backfill brought a shipment from before the hub was watching; its events say so.
 */
export async function createShipment(
  db: Db,
  accountId: string,
  orderId: string,
  input: ShipmentInput,
  options: { historical?: boolean } = {},
) {
  const history = options.historical ? { historical: true } : {};
  return inTransaction(db, async (tx) => {
    const order = await lockOrder(tx, accountId, orderId);
    if (input.platformShipmentId) {
      const [earlier] = await tx
        .select()
        .from(shipments)
        .where(
          and(eq(shipments.orderId, order.id), eq(shipments.platformShipmentId, input.platformShipmentId)),
        );
      if (earlier) return { shipmentId: earlier.id, replayed: true };
    }
    if (order.status === "cancelled")
      throw new AppError("unexpected_state", "order_cancelled", "a cancelled order cannot ship");
    const lines = await loadLinesForUpdate(tx, order.id);
    const wanted =
      input.lines ?? lines.filter((l) => openQty(l) > 0).map((l) => ({ sku: l.sku, quantity: openQty(l) }));
    if (wanted.length === 0)
      throw new AppError(
        "unexpected_state",
        "nothing_to_ship",
        "every line of this order is already shipped or refunded",
      );
    const policy = await backorderPolicy(
      tx,
      accountId,
      lines.map((l) => l.productId),
    );
    const [shipment] = await tx
      .insert(shipments)
      .values({
        accountId,
        orderId: order.id,
        platformShipmentId: input.platformShipmentId ?? null,
        carrier: input.carrier ?? null,
        trackingNumber: input.trackingNumber ?? null,
        trackingUrl: input.trackingUrl ?? null,
        shippedAt: input.shippedAt ?? new Date(),
      })
      .returning();
    // Summed per SKU: an order may hold several lines of one SKU, and each must ship.
    let remaining = new Map<string, number>();
    for (const w of wanted) remaining.set(w.sku, (remaining.get(w.sku) ?? 0) + w.quantity);
    for (const line of lines) {
      const want = remaining.get(line.sku) ?? 0;
      const qty = Math.min(want, openQty(line));
      if (qty <= 0) continue;
      remaining.set(line.sku, want - qty);
      const fromReserved = Math.min(qty, line.reservedQty);
      await ship(tx, stockItemOf(order, line, policy.get(line.productId)), qty, fromReserved, {
        key: `shipment:${shipment!.id}:${line.lineNo}`,
        referenceType: "shipment",
        referenceId: shipment!.id,
      });
      await tx
        .update(orderLines)
        .set({
          reservedQty: line.reservedQty - fromReserved,
          backorderedQty: line.backorderedQty - (qty - fromReserved),
          shippedQty: line.shippedQty + qty,
        })
        .where(eq(orderLines.id, line.id));
      await tx
        .insert(shipmentLines)
        .values({ shipmentId: shipment!.id, orderLineId: line.id, quantity: qty });
    }
    remaining = new Map([...remaining].filter(([, q]) => q > 0));
    if (remaining.size > 0) {
      const [sku, qty] = [...remaining][0]!;
      throw invalid(
        "shipment_quantity_exceeds_open",
        `cannot ship ${qty} more of ${sku}: more than the order has open`,
        {
          sku,
          quantity: qty,
        },
      );
    }
    const after = await loadLinesForUpdate(tx, order.id);
    const allShipped = after.every((l) => openQty(l) === 0);
    const status =
      allShipped && (order.status === "pending" || order.status === "processing") ? "shipped" : order.status;
    await tx.update(orders).set({ status, updatedAt: new Date() }).where(eq(orders.id, order.id));
    await appendEvents(tx, [
      shipmentCreated.of({
        accountId,
        subject: order.id,
        payload: {
          orderId: order.id,
          shipmentId: shipment!.id,
          connectionId: order.connectionId,
          carrier: shipment!.carrier,
          trackingNumber: shipment!.trackingNumber,
          trackingUrl: shipment!.trackingUrl,
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
    return { shipmentId: shipment!.id, replayed: false };
  });
}
