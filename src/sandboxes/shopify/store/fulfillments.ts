import { flat } from "../format.ts";
import { InventoryBatch, levelAt } from "./inventory.ts";
import { unfulfilledQuantity } from "./order-math.ts";
import { type DomainError, type DomainResult, domainError, fail, ok } from "./result.ts";
import type { Store } from "./store.ts";
import { touchOrder } from "./touch.ts";
import type { Fulfillment, LineItem, Order, TrackingInfo, Variant } from "./types.ts";

/**
 * Fulfillment orders are derived, not stored: one per (order, assigned location), with
 * id orderId × 16 + location index. That keeps 200k seeded orders cheap while ids stay stable.
 */
export interface FulfillmentOrderView {
  readonly kind: "FulfillmentOrder";
  readonly id: number;
  readonly order: Order;
  readonly locationId: number;
  readonly lines: readonly LineItem[];
}

/** A fulfillment order line shares its number with the order line it ships. */
export interface FulfillmentOrderLineView {
  readonly kind: "FulfillmentOrderLineItem";
  readonly id: number;
  readonly fulfillmentOrderId: number;
  readonly line: LineItem;
}

export const MAX_LOCATIONS = 16;

export function fulfillmentOrdersOf(store: Store, order: Order): FulfillmentOrderView[] {
  const views: FulfillmentOrderView[] = [];
  store.locations.forEach((location, index) => {
    const lines = order.lineItems.filter((line) => line.locationId === location.id);
    if (lines.length > 0)
      views.push({
        kind: "FulfillmentOrder",
        id: order.id * 16 + index,
        order,
        locationId: location.id,
        lines,
      });
  });
  return views;
}

export function fulfillmentOrderById(store: Store, id: number): FulfillmentOrderView | undefined {
  const order = store.ordersById.get(Math.floor(id / 16));
  return order ? fulfillmentOrdersOf(store, order).find((view) => view.id === id) : undefined;
}

export function fulfillmentOrderLines(view: FulfillmentOrderView): FulfillmentOrderLineView[] {
  return view.lines.map((line) => ({
    kind: "FulfillmentOrderLineItem",
    id: line.id,
    fulfillmentOrderId: view.id,
    line,
  }));
}

export type FulfillmentOrderStatus = "OPEN" | "IN_PROGRESS" | "CLOSED" | "CANCELLED";

export function fulfillmentOrderStatus(view: FulfillmentOrderView): FulfillmentOrderStatus {
  const remaining = view.lines.reduce((sum, line) => sum + unfulfilledQuantity(line), 0);
  const fulfilled = view.lines.reduce((sum, line) => sum + line.fulfilledQuantity, 0);
  if (view.order.cancelledAt !== null && fulfilled === 0) return "CANCELLED";
  if (remaining === 0) return "CLOSED";
  return fulfilled > 0 ? "IN_PROGRESS" : "OPEN";
}

export interface FulfillmentRequest {
  readonly groups: readonly {
    fulfillmentOrderId: number | null;
    lines: readonly { id: number | null; quantity: number }[] | null;
  }[];
  readonly tracking: readonly TrackingInfo[];
  readonly at: number;
}

interface PlannedLine {
  readonly line: LineItem;
  readonly quantity: number;
}

function planGroup(
  store: Store,
  group: FulfillmentRequest["groups"][number],
  field: string[],
  errors: DomainError[],
): { view: FulfillmentOrderView; planned: PlannedLine[] } | null {
  const view =
    group.fulfillmentOrderId === null ? undefined : fulfillmentOrderById(store, group.fulfillmentOrderId);
  if (!view) {
    errors.push(
      domainError("INVALID", "Fulfillment order does not exist.", [...field, "fulfillmentOrderId"]),
    );
    return null;
  }
  const status = fulfillmentOrderStatus(view);
  if (status === "CLOSED" || status === "CANCELLED") {
    const message = `Fulfillment order gid://shopify/FulfillmentOrder/${view.id} has an unfulfillable status= ${status.toLowerCase()}.`;
    errors.push(domainError("INVALID", message, [...field, "fulfillmentOrderId"]));
    return null;
  }
  if (group.lines === null) {
    const planned = view.lines.map((line) => ({ line, quantity: unfulfilledQuantity(line) }));
    return { view, planned: planned.filter((entry) => entry.quantity > 0) };
  }
  const planned: PlannedLine[] = [];
  for (const [index, wanted] of group.lines.entries()) {
    const line = view.lines.find((candidate) => candidate.id === wanted.id);
    if (!line || wanted.quantity < 1 || wanted.quantity > unfulfilledQuantity(line)) {
      const message = "Invalid fulfillment order line item quantity requested.";
      errors.push(domainError("INVALID", message, [...field, "fulfillmentOrderLineItems", String(index)]));
      continue;
    }
    planned.push({ line, quantity: wanted.quantity });
  }
  return { view, planned };
}

/** Ships units: they leave `committed` (and so on_hand); `available` was already reduced at order time. */
export function createFulfillment(store: Store, request: FulfillmentRequest): DomainResult<Fulfillment> {
  const errors: DomainError[] = [];
  const plans = request.groups.map((group, index) =>
    planGroup(store, group, ["fulfillment", "lineItemsByFulfillmentOrder", String(index)], errors),
  );
  if (errors.length > 0) return fail(errors);
  const views = plans.flatMap((plan) => (plan ? [plan.view] : []));
  const first = views[0];
  if (!first) return fail([domainError("INVALID", "No fulfillment orders given.", ["fulfillment"])]);
  if (views.some((view) => view.order !== first.order || view.locationId !== first.locationId)) {
    const message = "All fulfillment orders must belong to the same order and location.";
    return fail([domainError("INVALID", message, ["fulfillment", "lineItemsByFulfillmentOrder"])]);
  }
  const planned = plans.flatMap((plan) => plan?.planned ?? []);
  if (planned.length === 0)
    return fail([domainError("INVALID", "Nothing left to fulfill.", ["fulfillment"])]);
  const order = first.order;
  const batch = new InventoryBatch(store, request.at);
  for (const { line, quantity } of planned) {
    line.fulfilledQuantity += quantity;
    if (line.variantId === null) continue;
    const item = store.itemOfVariant(store.variantsById.get(line.variantId) as Variant);
    const level = item.tracked ? levelAt(item, line.locationId) : undefined;
    if (level) batch.change(level, "committed", -quantity);
  }
  const fulfillment: Fulfillment = {
    kind: "Fulfillment",
    id: store.nextId("Fulfillment"),
    orderId: order.id,
    locationId: first.locationId,
    name: flat(order.name, ".", order.fulfillments.length + 1),
    status: "SUCCESS",
    createdAt: request.at,
    updatedAt: request.at,
    trackingInfo: [...request.tracking],
    lines: planned.map(({ line, quantity }) => ({
      id: store.nextId("FulfillmentLineItem"),
      lineItemId: line.id,
      quantity,
    })),
  };
  order.fulfillments.push(fulfillment);
  store.fulfillmentsById.set(fulfillment.id, fulfillment);
  batch.finish();
  touchOrder(store, order, request.at);
  store.emit({ topic: "orders/updated", order });
  return ok(fulfillment);
}
