import { flat } from "../format.ts";
import type { Rng } from "../prng.ts";
import { createFulfillment, fulfillmentOrdersOf } from "../store/fulfillments.ts";
import { unfulfilledQuantity } from "../store/order-math.ts";
import { cancelOrder, type PlaceOrderLine, placeOrder } from "../store/orders.ts";
import { createRefund } from "../store/refunds.ts";
import type { Store } from "../store/store.ts";
import type { Customer, FinancialStatus, Order, TrackingInfo, Variant } from "../store/types.ts";
import { addCustomer, regionOf } from "./people.ts";
import { CARRIERS, trackingUrl } from "./words.ts";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const ORDER_WINDOW = 90 * DAY;

type Outcome = "PAID" | "PENDING" | "AUTHORIZED" | "PARTIALLY_REFUNDED" | "REFUNDED" | "CANCELLED";
const OUTCOMES: readonly Outcome[] = [
  "PAID",
  "PENDING",
  "AUTHORIZED",
  "PARTIALLY_REFUNDED",
  "REFUNDED",
  "CANCELLED",
];
const OUTCOME_WEIGHTS = [84, 5, 2, 3, 3, 3];

export function trackingFor(rng: Rng): TrackingInfo {
  const [company] = rng.pick(CARRIERS);
  const number = flat("1Z", rng.int(100000, 999999), rng.int(1000000, 9999999));
  return { company, number, url: trackingUrl(company, number) };
}

/** Seeded stores never oversell: a line that stock can't cover first gets a delivery. */
function ensureStock(store: Store, rng: Rng, variant: Variant, quantity: number): void {
  const item = store.itemOfVariant(variant);
  if (!item.tracked || item.levels.some((level) => level.available >= quantity)) return;
  const primary = item.levels[0];
  if (primary) primary.available += quantity + rng.int(10, 60);
}

function pickLines(store: Store, rng: Rng): PlaceOrderLine[] {
  const count = rng.weighted([1, 2, 3], [60, 30, 10]);
  const lines: PlaceOrderLine[] = [];
  for (let attempt = 0; lines.length < count && attempt < count * 4; attempt++) {
    const product = rng.pick(store.products);
    if (product.status !== "ACTIVE") continue;
    const variant = store.variantsById.get(rng.pick(product.variantIds)) as Variant;
    if (lines.some((line) => line.variant === variant)) continue;
    const quantity = rng.weighted([1, 2, 3], [80, 15, 5]);
    ensureStock(store, rng, variant, quantity);
    lines.push({ variant, quantity });
  }
  return lines;
}

function shipAll(store: Store, rng: Rng, order: Order, at: number, partial: boolean): void {
  for (const view of fulfillmentOrdersOf(store, order)) {
    const lines = partial
      ? view.lines
          .slice(0, 1)
          .map((line) => ({ id: line.id, quantity: Math.max(1, unfulfilledQuantity(line) - 1) }))
      : null;
    createFulfillment(store, {
      groups: [{ fulfillmentOrderId: view.id, lines }],
      tracking: [trackingFor(rng)],
      at,
    });
    if (partial) return;
  }
}

function refundAfter(store: Store, order: Order, full: boolean, at: number): void {
  const lines = (full ? order.lineItems : order.lineItems.slice(0, 1)).map((line) => {
    const shipped = line.fulfilledQuantity > 0;
    return {
      lineItemId: line.id,
      quantity: full ? line.quantity - line.removedQuantity - line.returnedQuantity : 1,
      restockType: shipped ? ("RETURN" as const) : ("CANCEL" as const),
      locationId: null,
    };
  });
  createRefund(
    store,
    order,
    {
      lines,
      note: full ? "Customer returned the order" : "Damaged item",
      shippingCents: full ? order.shippingCents : 0,
      amountCents: null,
    },
    at,
  );
}

function seedOrder(store: Store, rng: Rng, customer: Customer, createdAt: number, anchor: number): void {
  const outcome = rng.weighted(OUTCOMES, OUTCOME_WEIGHTS);
  const lines = pickLines(store, rng);
  if (lines.length === 0) return;
  const financialStatus: FinancialStatus =
    outcome === "PENDING" || outcome === "AUTHORIZED"
      ? outcome
      : outcome === "CANCELLED" && rng.chance(0.5)
        ? "PENDING"
        : "PAID";
  const discounted = rng.chance(0.1);
  const subtotal = lines.reduce((sum, line) => sum + line.variant.priceCents * line.quantity, 0);
  const placed = placeOrder(store, {
    lines,
    financialStatus,
    customer,
    email: customer.email,
    shippingAddress: customer.address,
    createdAt,
    shippingCents: subtotal >= 5000 ? 0 : rng.pick([599, 999]),
    taxRate: regionOf(customer.address).taxRate,
    discountRate: discounted ? 0.1 : 0,
    discountCode: discounted ? "WELCOME10" : null,
    preferredLocationId: null,
    note: null,
    tags: [],
  });
  if (!placed.ok) return;
  const order = placed.value;
  const latest = anchor - 60_000;
  const at = (offset: number) => Math.min(latest, createdAt + offset);
  if (outcome === "CANCELLED") {
    cancelOrder(
      store,
      order,
      { reason: rng.pick(["CUSTOMER", "INVENTORY", "FRAUD"] as const), restock: true, refund: true },
      at(HOUR),
    );
    return;
  }
  if (outcome === "PENDING" || outcome === "AUTHORIZED") return;
  const age = anchor - createdAt;
  const ships = age > 3 * DAY ? rng.chance(0.95) : rng.chance(0.3);
  const shippedAt = at(rng.int(4, 48) * HOUR);
  if (ships) shipAll(store, rng, order, shippedAt, rng.chance(0.03));
  if (outcome === "REFUNDED" || outcome === "PARTIALLY_REFUNDED") {
    refundAfter(store, order, outcome === "REFUNDED", Math.min(latest, shippedAt + rng.int(2, 10) * DAY));
  }
}

/** Orders spread evenly (with jitter) over the 90 days before `anchor`, oldest first. */
export function seedOrders(store: Store, rng: Rng, count: number, anchor: number): void {
  const start = anchor - ORDER_WINDOW;
  const poolSize = Math.min(50_000, Math.max(10, Math.ceil(count / 3)));
  for (let index = 0; index < poolSize; index++) {
    addCustomer(store, rng, index + 1, start - rng.int(1, 400) * DAY);
  }
  for (let index = 0; index < count; index++) {
    const createdAt = Math.floor(start + ((index + rng.next()) / count) * ORDER_WINDOW);
    seedOrder(store, rng, rng.pick(store.customers), createdAt, anchor);
  }
}
