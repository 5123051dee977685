import { InventoryBatch, levelAt } from "./inventory.ts";
import { type DomainResult, domainError, fail, ok } from "./result.ts";
import type { Store } from "./store.ts";
import { touchOrder } from "./touch.ts";
import type { Fulfillment, Order, TrackingInfo, Variant } from "./types.ts";

function fulfillmentAndOrder(
  store: Store,
  id: number | null,
): { fulfillment: Fulfillment; order: Order } | null {
  const fulfillment = id === null ? undefined : store.fulfillmentsById.get(id);
  const order = fulfillment ? store.ordersById.get(fulfillment.orderId) : undefined;
  return fulfillment && order ? { fulfillment, order } : null;
}

/** Replaces a fulfillment's tracking (Shopify's fulfillmentTrackingInfoUpdate replaces, it does not append). */
export function updateTracking(
  store: Store,
  id: number | null,
  tracking: readonly TrackingInfo[],
  at: number,
): DomainResult<Fulfillment> {
  const found = fulfillmentAndOrder(store, id);
  if (!found) return fail([domainError("NOT_FOUND", "Fulfillment does not exist.", ["fulfillmentId"])]);
  const { fulfillment, order } = found;
  if (fulfillment.status === "CANCELLED")
    return fail([
      domainError("INVALID", "Cannot update tracking of a cancelled fulfillment.", ["fulfillmentId"]),
    ]);
  fulfillment.trackingInfo.splice(0, fulfillment.trackingInfo.length, ...tracking);
  fulfillment.updatedAt = at;
  touchOrder(store, order, at);
  store.emit({ topic: "orders/updated", order });
  return ok(fulfillment);
}

/**
 * Cancels a fulfillment: its units are unfulfilled again, so they return to `committed` (on_hand
 * rises back) and the fulfillment order reopens.
 */
export function cancelFulfillment(store: Store, id: number | null, at: number): DomainResult<Fulfillment> {
  const found = fulfillmentAndOrder(store, id);
  if (!found) return fail([domainError("NOT_FOUND", "Fulfillment does not exist.", ["id"])]);
  const { fulfillment, order } = found;
  if (fulfillment.status === "CANCELLED")
    return fail([domainError("INVALID", "Fulfillment is already cancelled.", ["id"])]);
  const batch = new InventoryBatch(store, at);
  for (const shipped of fulfillment.lines) {
    const line = order.lineItems.find((candidate) => candidate.id === shipped.lineItemId);
    if (!line) continue;
    line.fulfilledQuantity -= shipped.quantity;
    if (line.variantId === null) continue;
    const item = store.itemOfVariant(store.variantsById.get(line.variantId) as Variant);
    const level = item.tracked ? levelAt(item, line.locationId) : undefined;
    if (level) batch.change(level, "committed", shipped.quantity);
  }
  const cancelled: Fulfillment = { ...fulfillment, status: "CANCELLED", updatedAt: at };
  order.fulfillments.splice(order.fulfillments.indexOf(fulfillment), 1, cancelled);
  store.fulfillmentsById.set(cancelled.id, cancelled);
  if (order.cancelledAt === null) order.closedAt = null;
  batch.finish();
  touchOrder(store, order, at);
  store.emit({ topic: "orders/updated", order });
  return ok(cancelled);
}
