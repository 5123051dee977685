import { randomBytes } from "node:crypto";
import type { SeedAddress, SeedCustomer } from "../seed/index.ts";
import { cents, type StoreOrder, type StoreRefund, type StoreShipment } from "./records.ts";
import type { CommerceStore } from "./store.ts";

/** Order changes with their stock effects, the same on every platform; platforms add their status rules. */

export interface NewOrderLine {
  readonly itemId: number;
  readonly quantity: number;
  /** Default the item's price. */
  readonly price?: string;
  /** Default the product's name, with the item's option values after " - " when it has options. */
  readonly name?: string;
}

export interface NewOrder<S> {
  readonly status: S;
  readonly customerId: number;
  readonly customer: SeedCustomer | null;
  readonly address: SeedAddress | null;
  readonly lines: readonly NewOrderLine[];
  readonly shippingCents: number;
  readonly createdMs: number;
  readonly key?: string;
}

/** The name a line shows: the product's, with the option values when the product has options. */
export function lineName<S>(store: CommerceStore<S>, itemId: number): string {
  const item = store.items.get(itemId);
  const product = item ? store.productOf(item) : undefined;
  if (!item || !product) return "";
  return product.hasOptions
    ? `${product.name} - ${item.options.map((o) => o.value).join(", ")}`
    : product.name;
}

/**
 * Places an order in `status`, taking its units when the status holds stock. `stockHeld` marks a
 * seeded order whose units the seeded stock already lacks, so they are not taken twice.
 */
export function placeOrder<S>(
  store: CommerceStore<S>,
  input: NewOrder<S>,
  options: { readonly emit: boolean; readonly stockHeld?: boolean },
): StoreOrder<S> {
  const order: StoreOrder<S> = {
    id: store.nextId("order"),
    key: input.key ?? randomBytes(7).toString("base64url").slice(0, 13),
    status: input.status,
    customerId: input.customerId,
    customer: input.customer,
    address: input.address,
    addressId: input.address ? store.nextId("address") : 0,
    createdMs: input.createdMs,
    modifiedMs: input.createdMs,
    paidMs: null,
    completedMs: null,
    shippedMs: null,
    lines: input.lines.map((l) => {
      const item = store.items.get(l.itemId);
      return {
        id: store.nextId("line"),
        productId: item?.productId ?? 0,
        itemId: l.itemId,
        name: l.name ?? lineName(store, l.itemId),
        sku: item?.sku ?? "",
        quantity: l.quantity,
        price: l.price ?? item?.price ?? "0.00",
        shipped: 0,
        refunded: 0,
      };
    }),
    shippingCents: input.shippingCents,
    customerNote: "",
    notes: [],
    refunds: [],
    shipments: [],
    stockHeld: options.stockHeld ?? false,
  };
  store.orders.set(order.id, order);
  applyStatus(store, order, input.status);
  order.modifiedMs = input.createdMs;
  if (options.emit) store.emit({ type: "order.created", order });
  return order;
}

function moveOrderStock<S>(store: CommerceStore<S>, order: StoreOrder<S>, sign: 1 | -1): void {
  for (const line of order.lines) {
    const item = store.items.get(line.itemId);
    if (item) store.moveStock(item, sign * line.quantity);
  }
  order.stockHeld = sign === -1;
}

function applyStatus<S>(store: CommerceStore<S>, order: StoreOrder<S>, status: S): void {
  const effect = store.plan.stockEffect(status);
  if (effect === "take" && !order.stockHeld) moveOrderStock(store, order, -1);
  if (effect === "return" && order.stockHeld) moveOrderStock(store, order, 1);
  store.plan.onStatus?.(order, status, store.nowMs());
  order.status = status;
}

/** Moves an order to `status` with its stock effects; emits `order.status` with the previous status. */
export function setOrderStatus<S>(
  store: CommerceStore<S>,
  order: StoreOrder<S>,
  status: S,
  options: { readonly emit: boolean } = { emit: true },
): void {
  const previous = order.status;
  applyStatus(store, order, status);
  order.modifiedMs = store.nowMs();
  if (options.emit) store.emit({ type: "order.status", order, previous });
}

export interface RefundLines {
  readonly lines: readonly { readonly lineId: number; readonly quantity: number }[];
  /** Default the refunded lines' value. */
  readonly amountCents?: number;
  readonly reason: string;
  /** Put the refunded units back in stock. */
  readonly restock: boolean;
  /** Restock only when the order still holds its units (BigCommerce); WooCommerce restocks regardless. */
  readonly restockOnlyIfHeld?: boolean;
}

/** Records a refund of order lines (lines must exist: the platform checks first) and restocks when asked. */
export function recordRefund<S>(
  store: CommerceStore<S>,
  order: StoreOrder<S>,
  input: RefundLines,
): StoreRefund {
  const lines = input.lines.map((rl) => {
    const line = store.orderLine(order, rl.lineId);
    return { line, quantity: rl.quantity, amountCents: cents(line?.price ?? "0") * rl.quantity };
  });
  const refund: StoreRefund = {
    id: store.nextId("refund"),
    amountCents: input.amountCents ?? lines.reduce((sum, l) => sum + l.amountCents, 0),
    reason: input.reason,
    createdMs: store.nowMs(),
    lines: lines.map((l) => ({
      id: store.nextId("line"),
      lineId: l.line?.id ?? 0,
      quantity: l.quantity,
      amountCents: l.amountCents,
    })),
  };
  for (const l of lines) {
    if (!l.line) continue;
    l.line.refunded += l.quantity;
    const item = store.items.get(l.line.itemId);
    if (input.restock && item && (order.stockHeld || !input.restockOnlyIfHeld))
      store.moveStock(item, l.quantity);
  }
  order.refunds.push(refund);
  order.modifiedMs = store.nowMs();
  store.emit({ type: "refund.created", order, refund });
  return refund;
}

export type NewShipment = Omit<StoreShipment, "id" | "createdMs">;

/** Records a shipment (quantities checked by the platform) and marks its lines shipped. */
export function recordShipment<S>(
  store: CommerceStore<S>,
  order: StoreOrder<S>,
  input: NewShipment,
): StoreShipment {
  const shipment: StoreShipment = { ...input, id: store.nextId("shipment"), createdMs: store.nowMs() };
  for (const item of input.items) {
    const line = store.orderLine(order, item.lineId);
    if (line) line.shipped += item.quantity;
  }
  order.shipments.push(shipment);
  order.shippedMs = shipment.createdMs;
  store.emit({ type: "shipment.created", order, shipment });
  return shipment;
}
