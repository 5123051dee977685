import { flat } from "../format.ts";
import { InventoryBatch, levelAt } from "./inventory.ts";
import { orderTotals, unfulfilledQuantity } from "./order-math.ts";
import { createRefundRecord, type RefundLineRequest, removeUnshipped } from "./refunds.ts";
import { type DomainResult, domainError, fail, ok } from "./result.ts";
import type { Store } from "./store.ts";
import { touchOrder } from "./touch.ts";
import type {
  Address,
  CancelReason,
  Customer,
  FinancialStatus,
  InventoryLevel,
  LineItem,
  Order,
  Variant,
} from "./types.ts";

export interface PlaceOrderLine {
  readonly variant: Variant;
  readonly quantity: number;
  readonly priceCents?: number;
}

export interface PlaceOrderInput {
  readonly lines: readonly PlaceOrderLine[];
  readonly financialStatus: FinancialStatus;
  readonly customer: Customer | null;
  readonly email: string | null;
  readonly shippingAddress: Address | null;
  readonly createdAt: number;
  readonly shippingCents: number;
  readonly taxRate: number;
  readonly discountRate: number;
  readonly discountCode: string | null;
  readonly preferredLocationId: number | null;
  readonly note: string | null;
  readonly tags: readonly string[];
}

/** Lines per order are capped so a line item id can embed its order id (orderId × 256 + index). */
export const MAX_LINES_PER_ORDER = 250;

/**
 * Picks the location that commits stock for a line the way Shopify's default routing
 * does: the preferred (or first) location that can cover it, else the first stocking one.
 */
function routeLine(
  store: Store,
  variant: Variant,
  quantity: number,
  preferred: number | null,
): InventoryLevel | null {
  const item = store.itemOfVariant(variant);
  if (item.levels.length === 0) return null;
  const preferredLevel = preferred === null ? undefined : levelAt(item, preferred);
  if (preferredLevel && preferredLevel.available >= quantity) return preferredLevel;
  return item.levels.find((level) => level.available >= quantity) ?? preferredLevel ?? item.levels[0] ?? null;
}

export function placeOrder(store: Store, input: PlaceOrderInput): DomainResult<Order> {
  if (input.lines.length === 0)
    return fail([domainError("INVALID", "Order must have at least one line item.")]);
  if (input.lines.length > MAX_LINES_PER_ORDER) {
    return fail([domainError("INVALID", `Order can't have more than ${MAX_LINES_PER_ORDER} line items.`)]);
  }
  const at = input.createdAt;
  const id = store.nextId("Order");
  const number = 1001 + store.orders.length;
  const batch = new InventoryBatch(store, at);
  const lineItems: LineItem[] = input.lines.map((line, index) => {
    const { variant, quantity } = line;
    const product = store.productOfVariant(variant);
    const priceCents = line.priceCents ?? variant.priceCents;
    const gross = priceCents * quantity;
    const discountCents = Math.round(gross * input.discountRate);
    const level = routeLine(store, variant, quantity, input.preferredLocationId);
    const item = store.itemOfVariant(variant);
    if (level && item.tracked) batch.move(level, "available", "committed", quantity);
    return {
      kind: "LineItem",
      id: id * 256 + index,
      orderId: id,
      variantId: variant.id,
      productId: product.id,
      sku: variant.sku,
      title: product.title,
      variantTitle: variant.title === "Default Title" ? null : variant.title,
      vendor: product.vendor,
      quantity,
      priceCents,
      discountCents,
      taxCents: Math.round((gross - discountCents) * input.taxRate),
      grams: variant.grams,
      locationId: level?.locationId ?? (store.locations[0]?.id as number),
      fulfilledQuantity: 0,
      removedQuantity: 0,
      returnedQuantity: 0,
    };
  });
  const order: Order = {
    kind: "Order",
    id,
    number,
    name: flat("#", number),
    createdAt: at,
    updatedAt: at,
    processedAt: at,
    cancelledAt: null,
    cancelReason: null,
    closedAt: null,
    financialStatus: input.financialStatus,
    email: input.email ?? input.customer?.email ?? null,
    customerId: input.customer?.id ?? null,
    shippingAddress: input.shippingAddress ?? input.customer?.address ?? null,
    billingAddress: input.customer?.address ?? input.shippingAddress,
    currency: store.shop.currency,
    lineItems,
    shippingCents: input.shippingCents,
    taxRate: input.taxRate,
    discountCode: input.discountCode,
    gateway: input.financialStatus === "PENDING" ? "manual" : "shopify_payments",
    note: input.note,
    tags: [...input.tags],
    test: false,
    refunds: [],
    fulfillments: [],
  };
  store.addOrder(order);
  if (input.customer) {
    input.customer.numberOfOrders += 1;
    input.customer.updatedAt = at;
    if (input.financialStatus === "PAID") input.customer.amountSpentCents += orderTotals(order).total;
  }
  store.emit({ topic: "orders/create", order });
  if (input.financialStatus === "PAID") store.emit({ topic: "orders/paid", order });
  batch.finish();
  return ok(order);
}

export function markOrderPaid(store: Store, order: Order, at: number): DomainResult<Order> {
  if (order.cancelledAt !== null) return fail([domainError("INVALID", "Order has been cancelled.")]);
  if (order.financialStatus === "PAID") return ok(order);
  if (order.financialStatus !== "PENDING" && order.financialStatus !== "AUTHORIZED") {
    return fail([domainError("INVALID", `Order can't be marked as paid from ${order.financialStatus}.`)]);
  }
  order.financialStatus = "PAID";
  const customer = order.customerId === null ? undefined : store.customersById.get(order.customerId);
  if (customer) customer.amountSpentCents += orderTotals(order).total;
  touchOrder(store, order, at);
  store.emit({ topic: "orders/paid", order });
  store.emit({ topic: "orders/updated", order });
  return ok(order);
}

export interface CancelOptions {
  readonly reason: CancelReason;
  readonly restock: boolean;
  /** Refund what was paid (Shopify's orderCancel `refund` flag). */
  readonly refund: boolean;
}

/** Cancels an order: unshipped units leave `committed`, and return to `available` when restocked. */
export function cancelOrder(
  store: Store,
  order: Order,
  options: CancelOptions,
  at: number,
): DomainResult<Order> {
  if (order.cancelledAt !== null) return fail([domainError("INVALID", "Order has already been cancelled.")]);
  const lines: RefundLineRequest[] = order.lineItems
    .filter((line) => unfulfilledQuantity(line) > 0)
    .map((line) => ({
      line,
      quantity: unfulfilledQuantity(line),
      restockType: options.restock ? "CANCEL" : "NO_RESTOCK",
      locationId: null,
    }));
  const wasPaid = order.financialStatus === "PAID" || order.financialStatus === "PARTIALLY_REFUNDED";
  if (wasPaid && options.refund) {
    const totals = orderTotals(order);
    const refund = createRefundRecord(store, order, {
      lines,
      note: "Order cancelled",
      shippingCents: order.shippingCents,
      amountCents: totals.total - totals.refunded,
      at,
    });
    order.financialStatus = "REFUNDED";
    store.emit({ topic: "refunds/create", order, refund });
  } else {
    const batch = new InventoryBatch(store, at);
    for (const request of lines) removeUnshipped(store, batch, request);
    batch.finish();
    if (order.financialStatus === "PENDING" || order.financialStatus === "AUTHORIZED") {
      order.financialStatus = "VOIDED";
    }
  }
  order.cancelledAt = at;
  order.cancelReason = options.reason;
  touchOrder(store, order, at);
  order.closedAt = at;
  store.emit({ topic: "orders/cancelled", order });
  store.emit({ topic: "orders/updated", order });
  return ok(order);
}
