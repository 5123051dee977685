import { recordRefund, setOrderStatus } from "../kit/store/order-ops.ts";
import {
  cents,
  type StoreItem,
  type StoreNote,
  type StoreProduct,
  type StoreRefund,
} from "../kit/store/records.ts";
import { invalidId, invalidParam, WooError } from "./errors.ts";
import { ORDER_STATUSES, type OrderStatus, type WooOrder, type WooStore } from "./store.ts";

/** The changes WooCommerce's API and admin make, with core's rules. */

/** The writable fields a sync touches; anything else in a body is accepted and ignored. */
export interface ItemChanges {
  readonly sku?: unknown;
  readonly regular_price?: unknown;
  readonly manage_stock?: unknown;
  readonly stock_quantity?: unknown;
  readonly global_unique_id?: unknown;
  readonly name?: unknown;
}

function integerOrNull(value: unknown): number | null {
  if (value === null) return null;
  const n = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
  if (typeof n !== "number" || !Number.isInteger(n))
    throw invalidParam("stock_quantity", "stock_quantity is not of type integer,null.");
  return n;
}

export function bool(name: string, value: unknown): boolean {
  if (typeof value === "boolean") return value;
  if (value === "true" || value === "1") return true;
  if (value === "false" || value === "0") return false;
  throw invalidParam(name, `${name} is not of type boolean.`);
}

function text(name: string, value: unknown): string {
  if (typeof value !== "string") throw invalidParam(name, `${name} is not of type string.`);
  return value;
}

/**
 * Applies `changes` to a product (its own item when it has no options) or a variation the way
 * WC_Product saves them: a non-empty SKU must be unique ("Invalid or duplicated SKU."), and
 * without `manage_stock` the quantity is cleared, so a `stock_quantity` sent alone to an
 * untracked item is silently dropped.
 */
export function applyItemChanges(
  store: WooStore,
  target: StoreProduct | StoreItem,
  changes: ItemChanges,
): void {
  const item = "kind" in target ? store.items.get(target.id) : target;
  const product = "kind" in target ? target : store.productOf(target);
  if (changes.sku !== undefined) {
    const sku = text("sku", changes.sku).trim();
    if (sku !== "" && store.itemsBySku(sku).some((other) => other.id !== target.id))
      throw new WooError(400, "product_invalid_sku", "Invalid or duplicated SKU.", {
        resource_id: target.id,
        unique_sku: sku,
      });
    if (item) item.sku = sku;
    else product.sku = sku;
  }
  if (changes.name !== undefined && "kind" in target) product.name = text("name", changes.name);
  if (item) {
    if (changes.regular_price !== undefined) item.price = text("regular_price", changes.regular_price);
    if (changes.global_unique_id !== undefined)
      item.barcode = text("global_unique_id", changes.global_unique_id);
    if (changes.manage_stock !== undefined) item.tracked = bool("manage_stock", changes.manage_stock);
    if (changes.stock_quantity !== undefined && item.tracked) {
      const quantity = integerOrNull(changes.stock_quantity);
      if (quantity === null) item.stock.delete(1);
      else item.stock.set(1, quantity);
    }
    if (!item.tracked) item.stock.clear();
    store.touch(item);
    store.emit({ type: "item.updated", item });
  } else {
    product.modifiedMs = store.nowMs();
    store.emit({ type: "product.updated", product });
  }
}

export function productById(store: WooStore, id: number, status: 400 | 404): StoreProduct {
  const product = store.products.get(id);
  if (!product) throw invalidId("product", status);
  return product;
}

export function variationById(store: WooStore, productId: number, id: number, status: 400 | 404): StoreItem {
  const variation = store.items.get(id);
  if (!variation || variation.productId !== productId || variation.id === productId)
    throw invalidId("product_variation", status);
  return variation;
}

export function orderById(store: WooStore, id: number, status: 400 | 404): WooOrder {
  const order = store.orders.get(id);
  if (!order) throw invalidId("shop_order", status);
  return order;
}

/** PUT /orders/{id}: status and customer note are what a sync changes; one `order.updated` either way. */
export function updateOrder(store: WooStore, order: WooOrder, body: Record<string, unknown>): WooOrder {
  if (body.status !== undefined) {
    if (!ORDER_STATUSES.includes(body.status as OrderStatus))
      throw invalidParam("status", `status is not one of ${ORDER_STATUSES.join(", ")}.`);
    setOrderStatus(store, order, body.status as OrderStatus, { emit: false });
  }
  if (typeof body.customer_note === "string") order.customerNote = body.customer_note;
  order.modifiedMs = store.nowMs();
  store.emit({ type: "order.updated", order });
  return order;
}

export function addNote(store: WooStore, order: WooOrder, note: unknown, customerNote: unknown): StoreNote {
  if (typeof note !== "string" || note === "")
    throw new WooError(400, "rest_missing_callback_param", "Missing parameter(s): note", {
      params: ["note"],
    });
  const created: StoreNote = {
    id: store.nextId("note"),
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
  readonly lines: readonly { readonly lineId: number; readonly quantity: number }[];
  readonly restock: boolean;
}

/**
 * A refund as wc_create_refund makes it: the amount defaults to the refunded lines' value, may
 * not exceed what is left, restocks the lines when asked, and a fully refunded order becomes
 * `refunded`.
 */
export function refundOrder(store: WooStore, order: WooOrder, input: RefundInput): StoreRefund {
  const lineValue = input.lines.reduce((sum, rl) => {
    const line = store.orderLine(order, rl.lineId);
    if (!line)
      throw new WooError(400, "woocommerce_rest_cannot_create_order_refund", "Invalid line item ID.");
    return sum + cents(line.price) * rl.quantity;
  }, 0);
  const amount = input.amount === undefined ? lineValue : cents(input.amount);
  const remaining = store.totalCents(order) - store.refundedCents(order);
  if (!(amount > 0) || amount > remaining)
    throw new WooError(400, "woocommerce_rest_cannot_create_order_refund", "Invalid refund amount.");
  const refund = recordRefund(store, order, {
    lines: input.lines,
    amountCents: amount,
    reason: input.reason ?? "",
    restock: input.restock,
  });
  if (amount === remaining) order.status = "refunded";
  store.emit({ type: "order.updated", order });
  return refund;
}
