import { isoDateTime, moneyString, nullableIso } from "../format.ts";
import { gid, legacyId } from "../gid.ts";
import { onHand } from "../store/inventory.ts";
import { displayFulfillmentStatus, orderTotals } from "../store/order-math.ts";
import type { Store } from "../store/store.ts";
import type { Fulfillment, InventoryLevel, Order, Refund } from "../store/types.ts";

/** Plain JSON views returned by the control API (gids plus the numeric ids Shopify shows). */

export interface OrderSummary {
  readonly id: string;
  readonly legacyId: number;
  readonly name: string;
  readonly financialStatus: string;
  readonly fulfillmentStatus: string;
  readonly totalPrice: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly cancelledAt: string | null;
  readonly lineItems: readonly { id: string; sku: string; quantity: number; locationId: string }[];
}

export function orderSummary(order: Order): OrderSummary {
  return {
    id: gid("Order", order.id),
    legacyId: legacyId("Order", order.id),
    name: order.name,
    financialStatus: order.financialStatus,
    fulfillmentStatus: displayFulfillmentStatus(order),
    totalPrice: moneyString(orderTotals(order).total),
    createdAt: isoDateTime(order.createdAt),
    updatedAt: isoDateTime(order.updatedAt),
    cancelledAt: nullableIso(order.cancelledAt),
    lineItems: order.lineItems.map((line) => ({
      id: gid("LineItem", line.id),
      sku: line.sku,
      quantity: line.quantity,
      locationId: gid("Location", line.locationId),
    })),
  };
}

export interface RefundSummary {
  readonly id: string;
  readonly legacyId: number;
  readonly orderId: string;
  readonly totalRefunded: string;
  readonly lines: readonly { lineItemId: string; quantity: number; restockType: string }[];
}

export function refundSummary(refund: Refund): RefundSummary {
  return {
    id: gid("Refund", refund.id),
    legacyId: legacyId("Refund", refund.id),
    orderId: gid("Order", refund.orderId),
    totalRefunded: moneyString(refund.totalCents),
    lines: refund.lines.map((line) => ({
      lineItemId: gid("LineItem", line.lineItemId),
      quantity: line.quantity,
      restockType: line.restockType,
    })),
  };
}

export interface FulfillmentSummary {
  readonly id: string;
  readonly name: string;
  readonly status: string;
  readonly trackingNumbers: readonly string[];
}

export function fulfillmentSummary(fulfillment: Fulfillment): FulfillmentSummary {
  return {
    id: gid("Fulfillment", fulfillment.id),
    name: fulfillment.name,
    status: fulfillment.status,
    trackingNumbers: fulfillment.trackingInfo.flatMap((info) => (info.number ? [info.number] : [])),
  };
}

export interface InventorySummary {
  readonly sku: string;
  readonly inventoryItemId: string;
  readonly locationId: string;
  readonly locationName: string;
  readonly available: number;
  readonly committed: number;
  readonly onHand: number;
  readonly incoming: number;
  readonly updatedAt: string;
}

export function inventorySummary(store: Store, sku: string, level: InventoryLevel): InventorySummary {
  return {
    sku,
    inventoryItemId: gid("InventoryItem", level.inventoryItemId),
    locationId: gid("Location", level.locationId),
    locationName: store.location(level.locationId)?.name ?? "",
    available: level.available,
    committed: level.committed,
    onHand: onHand(level),
    incoming: level.incoming,
    updatedAt: isoDateTime(level.updatedAt),
  };
}
