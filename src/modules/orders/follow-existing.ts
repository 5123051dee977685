import { and, inArray } from "drizzle-orm";
import type { Db } from "../../db/engine.ts";
import { type MovementQueue, type PageOrder, type RefundOutcome, refundError } from "./order-page.ts";
import { recordRefund } from "./refunds.ts";
import { refunds, shipments } from "./schema.ts";
import { createShipment } from "./shipments.ts";

const keyOf = (orderId: string, platformId: string) => `${orderId}\u0000${platformId}`;

/** Which of these orders' channel shipments and refunds the hub recorded before: one query each. */
export async function recordedBefore(tx: Db, items: readonly { orderId: string; item: PageOrder }[]) {
  const orderIds = [...new Set(items.map((i) => i.orderId))];
  const shipmentIds = [
    ...new Set(items.flatMap((i) => (i.item.shipped ? [i.item.shipped.platformShipmentId] : []))),
  ];
  const refundIds = [
    ...new Set(items.flatMap((i) => (i.item.refunds ?? []).flatMap((r) => r.platformRefundId ?? []))),
  ];
  const shipped = new Set<string>();
  const refunded = new Set<string>();
  if (orderIds.length > 0 && shipmentIds.length > 0) {
    const rows = await tx
      .select({ orderId: shipments.orderId, platformId: shipments.platformShipmentId })
      .from(shipments)
      .where(and(inArray(shipments.orderId, orderIds), inArray(shipments.platformShipmentId, shipmentIds)));
    for (const r of rows) shipped.add(keyOf(r.orderId, r.platformId!));
  }
  if (orderIds.length > 0 && refundIds.length > 0) {
    const rows = await tx
      .select({ orderId: refunds.orderId, platformId: refunds.platformRefundId })
      .from(refunds)
      .where(and(inArray(refunds.orderId, orderIds), inArray(refunds.platformRefundId, refundIds)));
    for (const r of rows) refunded.add(keyOf(r.orderId, r.platformId!));
  }
  return { shipped, refunded };
}

/**
 * An order the hub already had: the channel's shipment and refunds it has not recorded yet (an
 * order shipped or refunded since the last read — rare in a backfill) go through createShipment
 * and recordRefund in the page's transaction; those recorded before are replays.
 */
export async function followExisting(
  tx: Db,
  accountId: string,
  orderId: string,
  item: PageOrder,
  before: Awaited<ReturnType<typeof recordedBefore>>,
  queue: MovementQueue,
): Promise<RefundOutcome[]> {
  const { shipped } = item;
  if (shipped && !before.shipped.has(keyOf(orderId, shipped.platformShipmentId))) {
    await queue.flush();
    await createShipment(
      tx,
      accountId,
      orderId,
      { platformShipmentId: shipped.platformShipmentId, carrier: null },
      { historical: shipped.historical },
    ).catch((error: { code?: string }) => {
      // Already shipped, refunded or cancelled in the hub: nothing left to ship.
      if (error.code !== "nothing_to_ship" && error.code !== "order_cancelled") throw error;
    });
  }
  const outcomes: RefundOutcome[] = [];
  for (const refund of item.refunds ?? []) {
    const base = { platformRefundId: refund.platformRefundId, historical: refund.historical };
    if (refund.platformRefundId && before.refunded.has(keyOf(orderId, refund.platformRefundId))) {
      outcomes.push({ ...base, replayed: true });
      continue;
    }
    await queue.flush();
    const { historical, ...input } = refund;
    try {
      const recorded = await recordRefund(tx, accountId, orderId, input, { historical });
      outcomes.push({ ...base, replayed: recorded.replayed });
    } catch (error) {
      outcomes.push({ ...base, replayed: false, error: refundError(error) });
    }
  }
  return outcomes;
}
