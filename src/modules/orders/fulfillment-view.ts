import { and, eq } from "drizzle-orm";
import type { Db } from "../../db/engine.ts";
import { orderLines, orders, shipmentLines, shipments } from "./schema.ts";

export type ShipmentForChannel = {
  shipmentId: string;
  orderNumber: string;
  connectionId: string | null;
  platformOrderId: string;
  /** Set when the shipment came from the platform itself (nothing to send back). */
  platformShipmentId: string | null;
  carrier: string | null;
  trackingNumber: string | null;
  trackingUrl: string | null;
  lines: { platformLineId: string | null; sku: string; quantity: number }[];
};

/** What a channel needs to mark a shipment fulfilled on its side. */
export async function shipmentForChannel(
  db: Db,
  accountId: string,
  shipmentId: string,
): Promise<ShipmentForChannel | undefined> {
  const [row] = await db
    .select({ s: shipments, o: orders })
    .from(shipments)
    .innerJoin(orders, eq(orders.id, shipments.orderId))
    .where(and(eq(shipments.accountId, accountId), eq(shipments.id, shipmentId)));
  if (!row) return undefined;
  const lines = await db
    .select({
      platformLineId: orderLines.platformLineId,
      sku: orderLines.sku,
      quantity: shipmentLines.quantity,
    })
    .from(shipmentLines)
    .innerJoin(orderLines, eq(orderLines.id, shipmentLines.orderLineId))
    .where(eq(shipmentLines.shipmentId, shipmentId));
  return {
    shipmentId,
    orderNumber: row.o.orderNumber,
    connectionId: row.o.connectionId,
    platformOrderId: row.o.platformOrderId,
    platformShipmentId: row.s.platformShipmentId,
    carrier: row.s.carrier,
    trackingNumber: row.s.trackingNumber,
    trackingUrl: row.s.trackingUrl,
    lines,
  };
}
