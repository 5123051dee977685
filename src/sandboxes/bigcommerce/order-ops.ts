import { recordRefund, recordShipment, setOrderStatus } from "../kit/store/order-ops.ts";
import type { StoreRefund, StoreShipment } from "../kit/store/records.ts";
import { BcV2Error } from "./errors.ts";
import {
  type BcOrder,
  type BcStore,
  PARTIALLY_REFUNDED,
  PARTIALLY_SHIPPED,
  REFUNDED,
  SHIPPED,
} from "./store.ts";

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
export function createShipment(store: BcStore, order: BcOrder, body: ShipmentBody): StoreShipment {
  if (order.addressId === 0 || Number(body.order_address_id) !== order.addressId)
    throw new BcV2Error(400, "The field 'order_address_id' is invalid.", {
      details: { invalid_reason: "The order address does not exist" },
    });
  if (!Array.isArray(body.items) || body.items.length === 0)
    throw new BcV2Error(400, "The required field 'items' was not supplied.");
  const items = body.items.map((raw: { order_product_id?: unknown; quantity?: unknown }) => {
    const line = store.orderLine(order, Number(raw?.order_product_id));
    const quantity = Number(raw?.quantity);
    if (!line)
      throw new BcV2Error(400, "The field 'items' is invalid.", {
        details: { invalid_reason: "Unknown order_product_id" },
      });
    if (!Number.isInteger(quantity) || quantity < 1 || quantity > line.quantity - line.shipped)
      throw new BcV2Error(400, "The field 'items' is invalid.", {
        details: { invalid_reason: "Quantity exceeds what is left to ship" },
      });
    return { lineId: line.id, quantity };
  });
  const shipment = recordShipment(store, order, {
    ref: "",
    trackingNumber: text(body.tracking_number),
    provider: text(body.shipping_provider),
    customProvider: "",
    carrier: text(body.tracking_carrier),
    link: "",
    comments: text(body.comments),
    shippedOn: "",
    items,
  });
  const allShipped = order.lines.every((l) => l.shipped >= l.quantity);
  setOrderStatus(store, order, allShipped ? SHIPPED : PARTIALLY_SHIPPED);
  return shipment;
}

export interface RefundInput {
  readonly lines: readonly { readonly lineId: number; readonly quantity: number }[];
  readonly reason?: string;
  readonly restock: boolean;
}

/** A refund of order lines (made in the control panel): Refunded or Partially Refunded, restocking when asked. */
export function refundOrder(store: BcStore, order: BcOrder, input: RefundInput): StoreRefund {
  for (const rl of input.lines) {
    const line = store.orderLine(order, rl.lineId);
    if (!line || rl.quantity < 1 || rl.quantity > line.quantity - line.refunded)
      throw new BcV2Error(422, "A refund line names an unknown line or more units than are left");
  }
  const refund = recordRefund(store, order, {
    lines: input.lines,
    reason: input.reason ?? "",
    restock: input.restock,
    restockOnlyIfHeld: true,
  });
  const whole = store.refundedCents(order) >= store.linesCents(order);
  setOrderStatus(store, order, whole ? REFUNDED : PARTIALLY_REFUNDED);
  return refund;
}
