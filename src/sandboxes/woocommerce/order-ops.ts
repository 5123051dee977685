import { randomBytes } from "node:crypto";
import { adjustStock } from "./catalog-ops.ts";
import { invalidId, invalidParam, WooError } from "./errors.ts";
import { orderTotal } from "./shapes.ts";
import {
  ORDER_STATUSES,
  type OrderStatus,
  type WooAddress,
  type WooLineItem,
  type WooNote,
  type WooOrder,
  type WooRefund,
  type WooStore,
} from "./store.ts";

/** Statuses in which WooCommerce has reduced stock for an order (wc_maybe_reduce_stock_levels). */
const HOLDS_STOCK = new Set<OrderStatus>(["processing", "on-hold", "completed"]);
const PAID = new Set<OrderStatus>(["processing", "completed"]);

export const emptyAddress = (): WooAddress => ({
  first_name: "",
  last_name: "",
  company: "",
  address_1: "",
  address_2: "",
  city: "",
  state: "",
  postcode: "",
  country: "",
  phone: "",
});

export function orderById(store: WooStore, id: number, status: 400 | 404): WooOrder {
  const order = store.orders.get(id);
  if (!order) throw invalidId("shop_order", status);
  return order;
}

function moveStock(store: WooStore, order: WooOrder, sign: 1 | -1): void {
  for (const line of order.lines) {
    const item = store.item(line.variationId || line.productId);
    if (item) adjustStock(store, item, sign * line.quantity);
  }
  order.stockReduced = sign === -1;
}

/** Moves an order to `status` with the side effects core has: stock, paid and completed dates. */
export function setOrderStatus(store: WooStore, order: WooOrder, status: OrderStatus): void {
  const now = store.nowMs();
  if (HOLDS_STOCK.has(status) && !order.stockReduced) moveStock(store, order, -1);
  if (status === "cancelled" && order.stockReduced) moveStock(store, order, 1);
  if (PAID.has(status) && order.paidMs === null) order.paidMs = now;
  if (status === "completed" && order.completedMs === null) order.completedMs = now;
  order.status = status;
}

export interface NewOrder {
  readonly lines: readonly Omit<WooLineItem, "id">[];
  readonly status: OrderStatus;
  readonly createdMs: number;
  readonly customerId: number;
  readonly billing: WooAddress;
  readonly shipping: WooAddress;
  readonly shippingTotal: string;
}

/** Places an order (checkout or admin), taking stock when its status holds stock. */
export function placeOrder(store: WooStore, input: NewOrder, options: { emit: boolean }): WooOrder {
  const order: WooOrder = {
    id: store.nextPostId(),
    orderKey: `wc_order_${randomBytes(7).toString("base64url").slice(0, 13)}`,
    status: "pending",
    currency: "USD",
    createdMs: input.createdMs,
    modifiedMs: input.createdMs,
    paidMs: null,
    completedMs: null,
    customerId: input.customerId,
    billing: input.billing,
    shipping: input.shipping,
    lines: input.lines.map((l) => ({ ...l, id: store.nextLineId() })),
    shippingTotal: input.shippingTotal,
    customerNote: "",
    notes: [],
    refunds: [],
    trackings: [],
    stockReduced: false,
  };
  store.orders.set(order.id, order);
  setOrderStatus(store, order, input.status);
  if (options.emit) store.emit("order.created", order.id);
  return order;
}

/** PUT /orders/{id}: status and customer note are what a sync changes. */
export function updateOrder(store: WooStore, order: WooOrder, body: Record<string, unknown>): WooOrder {
  if (body.status !== undefined) {
    if (!ORDER_STATUSES.includes(body.status as OrderStatus)) {
      throw invalidParam("status", `status is not one of ${ORDER_STATUSES.join(", ")}.`);
    }
    setOrderStatus(store, order, body.status as OrderStatus);
  }
  if (typeof body.customer_note === "string") order.customerNote = body.customer_note;
  order.modifiedMs = store.nowMs();
  store.emit("order.updated", order.id);
  return order;
}

export function addNote(store: WooStore, order: WooOrder, note: unknown, customerNote: unknown): WooNote {
  if (typeof note !== "string" || note === "") {
    throw new WooError(400, "rest_missing_callback_param", "Missing parameter(s): note", {
      params: ["note"],
    });
  }
  const created: WooNote = {
    id: store.nextNoteId(),
    note,
    customerNote: customerNote === true,
    addedByUser: true,
    createdMs: store.nowMs(),
  };
  order.notes.push(created);
  return created;
}

export interface RefundInput {
  readonly amount?: string;
  readonly reason?: string;
  readonly lines: readonly { readonly lineItemId: number; readonly quantity: number }[];
  readonly restock: boolean;
}

const cents = (value: string) => Math.round(Number(value) * 100);

/**
 * A refund as wc_create_refund makes it: the amount defaults to the refunded lines' value, may
 * not exceed what is left, restocks the lines when asked, and a fully refunded order becomes
 * `refunded`.
 */
export function refundOrder(store: WooStore, order: WooOrder, input: RefundInput): WooRefund {
  const lineValue = input.lines.reduce((sum, rl) => {
    const line = order.lines.find((l) => l.id === rl.lineItemId);
    if (!line)
      throw new WooError(400, "woocommerce_rest_cannot_create_order_refund", "Invalid line item ID.");
    return sum + cents(line.price) * rl.quantity;
  }, 0);
  const amount = input.amount === undefined ? lineValue : cents(input.amount);
  const refunded = order.refunds.reduce((sum, r) => sum + cents(r.amount), 0);
  const remaining = cents(orderTotal(order)) - refunded;
  if (!(amount > 0) || amount > remaining) {
    throw new WooError(400, "woocommerce_rest_cannot_create_order_refund", "Invalid refund amount.");
  }
  const refund: WooRefund = {
    id: store.nextPostId(),
    amount: (amount / 100).toFixed(2),
    reason: input.reason ?? "",
    createdMs: store.nowMs(),
    lines: input.lines.map((l) => ({ id: store.nextLineId(), ...l })),
  };
  order.refunds.unshift(refund);
  if (input.restock) {
    for (const rl of input.lines) {
      const line = order.lines.find((l) => l.id === rl.lineItemId);
      const item = line ? store.item(line.variationId || line.productId) : undefined;
      if (item) adjustStock(store, item, rl.quantity);
    }
  }
  if (amount === remaining) order.status = "refunded";
  order.modifiedMs = store.nowMs();
  store.emit("order.updated", order.id);
  return refund;
}
