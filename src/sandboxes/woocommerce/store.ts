import type { SeededStore, SeedOrderState } from "../kit/seed/index.ts";
import { loadSeed, type SeedIds, type SeedPlan } from "../kit/store/load-seed.ts";
import { recordRefund } from "../kit/store/order-ops.ts";
import type { StoreItem, StoreOrder, StoreProduct } from "../kit/store/records.ts";
import { CommerceStore, type StorePlan } from "../kit/store/store.ts";

/** WooCommerce on the kit store: its order statuses, WordPress's shared post ids, stock on payment. */

export const ORDER_STATUSES = [
  "pending",
  "processing",
  "on-hold",
  "completed",
  "cancelled",
  "refunded",
  "failed",
  "trash",
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];
export type WooStore = CommerceStore<OrderStatus>;
export type WooOrder = StoreOrder<OrderStatus>;

/** Statuses in which WooCommerce has reduced stock for an order (wc_maybe_reduce_stock_levels). */
const HOLDS_STOCK = new Set<OrderStatus>(["processing", "on-hold", "completed"]);
const PAID = new Set<OrderStatus>(["processing", "completed"]);
const HOUR = 3_600_000;
const SEED_STATUS: Record<SeedOrderState, OrderStatus> = {
  pending: "pending",
  paid: "processing",
  on_hold: "on-hold",
  fulfilled: "completed",
  cancelled: "cancelled",
  refunded: "refunded",
  failed: "failed",
};

const post = { sequence: "post", first: 101 };
export const WOO_STORE: StorePlan<OrderStatus> = {
  // WordPress posts share one id sequence: products, variations, orders and refunds interleave.
  ids: {
    product: post,
    item: post,
    order: post,
    refund: post,
    line: { sequence: "line", first: 1 },
    note: { sequence: "comment", first: 1 },
    subscription: { sequence: "webhook", first: 1 },
    address: { sequence: "address", first: 1 },
    shipment: { sequence: "shipment", first: 1 },
  },
  itemIsProduct: true,
  locations: [{ id: 1, code: "default", label: "Default", enabled: true }],
  holdsStock: (status) => HOLDS_STOCK.has(status),
  // Core reduces stock once, on payment or hold, and gives it back only on cancelling.
  stockEffect: (status) => (HOLDS_STOCK.has(status) ? "take" : status === "cancelled" ? "return" : "keep"),
  onStatus(order, status, now) {
    if (PAID.has(status) && order.paidMs === null) order.paidMs = now;
    if (status === "completed" && order.completedMs === null) order.completedMs = now;
  },
};

const WOO_SEED = (store: WooStore): SeedPlan<OrderStatus> => ({
  status: SEED_STATUS,
  afterOrder(order, seed) {
    const paid = order.status === "processing" || order.status === "completed" || order.status === "refunded";
    order.paidMs = paid ? seed.createdAtMs : null;
    order.completedMs = order.status === "completed" ? seed.createdAtMs + 2 * HOUR : null;
    if (order.status !== "refunded") return;
    const refund = recordRefund(store, order, {
      lines: order.lines.map((l) => ({ lineId: l.id, quantity: l.quantity })),
      amountCents: store.totalCents(order),
      reason: "Customer changed their mind",
      restock: false,
    });
    refund.createdMs = seed.createdAtMs + 2 * HOUR;
  },
});

export function createWooStore(
  nowMs: () => number,
  seeded: SeededStore,
): { store: WooStore; seedIds: SeedIds } {
  const store = new CommerceStore(WOO_STORE, nowMs);
  return { store, seedIds: loadSeed(store, seeded, WOO_SEED(store)) };
}

/** A variation is an item of a product with options; a simple product is its own item. */
export const isVariation = (store: WooStore, item: StoreItem) => store.productOf(item).hasOptions;

/** The item a product without options is (its stock, SKU and price), undefined for a variable or grouped one. */
export const baseItem = (store: WooStore, p: StoreProduct) =>
  p.hasOptions ? undefined : store.items.get(p.id);

/** `stock_quantity`: null for an untracked item or one tracked without a quantity. */
export const stockQuantity = (item: StoreItem | undefined) =>
  item?.tracked ? (item.stock.get(1) ?? null) : null;
