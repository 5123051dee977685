import type { LineItem, Order } from "./types.ts";

export interface OrderTotals {
  readonly lineItems: number;
  readonly discounts: number;
  readonly subtotal: number;
  readonly tax: number;
  readonly shipping: number;
  readonly total: number;
  readonly refunded: number;
}

export function lineGross(line: LineItem): number {
  return line.priceCents * line.quantity;
}

export function orderTotals(order: Order): OrderTotals {
  let lineItems = 0;
  let discounts = 0;
  let tax = 0;
  for (const line of order.lineItems) {
    lineItems += lineGross(line);
    discounts += line.discountCents;
    tax += line.taxCents;
  }
  const subtotal = lineItems - discounts;
  let refunded = 0;
  for (const refund of order.refunds) refunded += refund.totalCents;
  return {
    lineItems,
    discounts,
    subtotal,
    tax,
    shipping: order.shippingCents,
    total: subtotal + order.shippingCents + tax,
    refunded,
  };
}

/** Units still to ship: neither fulfilled nor removed by a refund or cancellation. */
export function unfulfilledQuantity(line: LineItem): number {
  return Math.max(0, line.quantity - line.removedQuantity - line.fulfilledQuantity);
}

export function currentQuantity(line: LineItem): number {
  return line.quantity - line.removedQuantity - line.returnedQuantity;
}

export type DisplayFulfillmentStatus = "FULFILLED" | "PARTIALLY_FULFILLED" | "UNFULFILLED" | "RESTOCKED";

export function displayFulfillmentStatus(order: Order): DisplayFulfillmentStatus {
  let fulfillable = 0;
  let fulfilled = 0;
  let removed = 0;
  for (const line of order.lineItems) {
    fulfillable += line.quantity - line.removedQuantity;
    fulfilled += line.fulfilledQuantity;
    removed += line.removedQuantity;
  }
  if (fulfillable <= 0) return fulfilled > 0 ? "FULFILLED" : removed > 0 ? "RESTOCKED" : "UNFULFILLED";
  if (fulfilled >= fulfillable) return "FULFILLED";
  return fulfilled > 0 ? "PARTIALLY_FULFILLED" : "UNFULFILLED";
}

/** Paid (or fully refunded) and nothing left to ship: Shopify archives such orders. */
export function shouldClose(order: Order): boolean {
  const settled = order.financialStatus === "PAID" || order.financialStatus === "REFUNDED";
  const status = displayFulfillmentStatus(order);
  return settled && (status === "FULFILLED" || status === "RESTOCKED");
}
