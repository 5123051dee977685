import { BcV2Error } from "./errors.ts";
import { moveStock } from "./inventory-ops.ts";
import { orderTotal } from "./shapes.ts";
import type { BcAddress, BcOrder, BcOrderProduct, BcRefund, BcShipment, BcStore } from "./store.ts";

/** Statuses whose orders do not hold stock: Incomplete, Cancelled, Declined. */
const RELEASES_STOCK = new Set([0, 5, 6]);
export const holdsStock = (statusId: number) => !RELEASES_STOCK.has(statusId);
export const SHIPPED = 2;
export const PARTIALLY_SHIPPED = 3;
export const REFUNDED = 4;
export const PARTIALLY_REFUNDED = 14;

export const emptyAddress = (): BcAddress => ({
  first_name: "",
  last_name: "",
  company: "",
  street_1: "",
  street_2: "",
  city: "",
  state: "",
  zip: "",
  country: "",
  country_iso2: "",
  phone: "",
  email: "",
});

function moveOrderStock(store: BcStore, order: BcOrder, sign: 1 | -1): void {
  for (const line of order.products) {
    const variant = store.variants.get(line.variantId);
    if (variant) moveStock(store, variant, sign * line.quantity);
  }
  order.stockTaken = sign === -1;
}

/** Moves an order to `statusId`, taking or returning its stock, and sends the order webhooks. */
export function setOrderStatus(
  store: BcStore,
  order: BcOrder,
  statusId: number,
  options: { emit: boolean },
): void {
  const previous = order.statusId;
  const holds = holdsStock(statusId);
  if (holds && !order.stockTaken) moveOrderStock(store, order, -1);
  if (!holds && order.stockTaken) moveOrderStock(store, order, 1);
  order.statusId = statusId;
  order.modifiedMs = store.nowMs();
  if (!options.emit || previous === statusId) return;
  store.emit("store/order/updated", { type: "order", id: order.id });
  store.emit("store/order/statusUpdated", {
    type: "order",
    id: order.id,
    status: { previous_status_id: previous, new_status_id: statusId },
  });
}

export interface NewOrder {
  readonly statusId: number;
  readonly customerId: number;
  readonly createdMs: number;
  readonly billing: BcAddress;
  readonly shippingAddress: BcAddress | null;
  readonly lines: readonly Omit<
    BcOrderProduct,
    "id" | "orderAddressId" | "quantityShipped" | "quantityRefunded"
  >[];
  readonly shippingCost: number;
}

/** Places an order; it takes stock unless its status releases it. Seeded orders pass `emit: false`. */
export function placeOrder(
  store: BcStore,
  input: NewOrder,
  options: { emit: boolean; stockTaken?: boolean },
): BcOrder {
  const addressId = input.shippingAddress ? store.nextId("address") : 0;
  const order: BcOrder = {
    id: store.nextId("order"),
    statusId: 0,
    customerId: input.customerId,
    createdMs: input.createdMs,
    modifiedMs: input.createdMs,
    shippedMs: null,
    billing: input.billing,
    shippingAddresses: input.shippingAddress ? [{ ...input.shippingAddress, id: addressId }] : [],
    products: input.lines.map((l) => ({
      ...l,
      id: store.nextId("line"),
      orderAddressId: addressId,
      quantityShipped: 0,
      quantityRefunded: 0,
    })),
    shippingCost: input.shippingCost,
    shipments: [],
    refunds: [],
    // The seeded stock is what is left after the seeded orders: they hold it without moving it again.
    stockTaken: options.stockTaken ?? false,
  };
  store.orders.set(order.id, order);
  setOrderStatus(store, order, input.statusId, { emit: false });
  order.modifiedMs = input.createdMs;
  if (options.emit) store.emit("store/order/created", { type: "order", id: order.id });
  return order;
}

export function orderById(store: BcStore, id: number): BcOrder {
  const order = store.orders.get(id);
  if (!order) throw new BcV2Error(404, "The requested resource was not found.");
  return order;
}

interface ShipmentBody {
  readonly order_address_id?: unknown;
  readonly tracking_number?: unknown;
  readonly shipping_provider?: unknown;
  readonly tracking_carrier?: unknown;
  readonly comments?: unknown;
  readonly items?: unknown;
}

const text = (value: unknown) => (typeof value === "string" ? value : "");

/**
 * `POST /v2/orders/{id}/shipments`: ships lines to one of the order's addresses. Quantities may
 * not exceed what is left unshipped; the order becomes Shipped or Partially Shipped.
 */
export function createShipment(store: BcStore, order: BcOrder, body: ShipmentBody): BcShipment {
  const address = order.shippingAddresses.find((a) => a.id === Number(body.order_address_id));
  if (!address) {
    throw new BcV2Error(400, "The field 'order_address_id' is invalid.", {
      details: { invalid_reason: "The order address does not exist" },
    });
  }
  if (!Array.isArray(body.items) || body.items.length === 0) {
    throw new BcV2Error(400, "The required field 'items' was not supplied.");
  }
  const items = body.items.map((raw: { order_product_id?: unknown; quantity?: unknown }) => {
    const line = order.products.find((l) => l.id === Number(raw?.order_product_id));
    const quantity = Number(raw?.quantity);
    if (!line || line.orderAddressId !== address.id)
      throw new BcV2Error(400, "The field 'items' is invalid.", {
        details: { invalid_reason: "Unknown order_product_id" },
      });
    if (!Number.isInteger(quantity) || quantity < 1 || quantity > line.quantity - line.quantityShipped)
      throw new BcV2Error(400, "The field 'items' is invalid.", {
        details: { invalid_reason: "Quantity exceeds what is left to ship" },
      });
    return { line, quantity };
  });
  for (const { line, quantity } of items) line.quantityShipped += quantity;
  const shipment: BcShipment = {
    id: store.nextId("shipment"),
    orderAddressId: address.id,
    trackingNumber: text(body.tracking_number),
    shippingProvider: text(body.shipping_provider),
    trackingCarrier: text(body.tracking_carrier),
    comments: text(body.comments),
    createdMs: store.nowMs(),
    items: items.map(({ line, quantity }) => ({ orderProductId: line.id, quantity })),
  };
  order.shipments.push(shipment);
  order.shippedMs = store.nowMs();
  const allShipped = order.products.every((l) => l.quantityShipped >= l.quantity);
  store.emit("store/shipment/created", { type: "shipment", id: shipment.id, orderId: order.id });
  setOrderStatus(store, order, allShipped ? SHIPPED : PARTIALLY_SHIPPED, { emit: true });
  return shipment;
}

export interface RefundInput {
  readonly lines: readonly { readonly orderProductId: number; readonly quantity: number }[];
  readonly reason: string;
  readonly restock: boolean;
}

/** A refund of order lines (made in the control panel): Refunded or Partially Refunded, restocking when asked. */
export function refundOrder(store: BcStore, order: BcOrder, input: RefundInput): BcRefund {
  const items = input.lines.map((rl) => {
    const line = order.products.find((l) => l.id === rl.orderProductId);
    if (!line || rl.quantity < 1 || rl.quantity > line.quantity - line.quantityRefunded)
      throw new BcV2Error(422, "A refund line names an unknown line or more units than are left");
    return { line, quantity: rl.quantity, amount: line.price * rl.quantity };
  });
  const refund: BcRefund = {
    id: store.nextId("refund"),
    reason: input.reason,
    createdMs: store.nowMs(),
    amount: items.reduce((sum, i) => sum + i.amount, 0),
    items: items.map((i) => ({ orderProductId: i.line.id, quantity: i.quantity, amount: i.amount })),
  };
  for (const i of items) {
    i.line.quantityRefunded += i.quantity;
    const variant = store.variants.get(i.line.variantId);
    if (input.restock && variant && order.stockTaken) moveStock(store, variant, i.quantity);
  }
  order.refunds.push(refund);
  store.emit("store/order/refund/created", { type: "order", id: order.id, refund: { refund_id: refund.id } });
  const refunded = order.refunds.reduce((sum, r) => sum + r.amount, 0);
  setOrderStatus(
    store,
    order,
    refunded >= orderTotal(order) - order.shippingCost ? REFUNDED : PARTIALLY_REFUNDED,
    { emit: true },
  );
  return refund;
}
