import type { SeededStore } from "../kit/seed/index.ts";
import { loadSeed, type SeedIds } from "../kit/store/load-seed.ts";
import type { StoreOrder } from "../kit/store/records.ts";
import { CommerceStore, type StorePlan } from "../kit/store/store.ts";

/** ShipStation on the kit store: order statuses by name, one warehouse, sub-stores per order. */

export type SsStatus =
  | "awaiting_payment"
  | "awaiting_shipment"
  | "pending_fulfillment"
  | "shipped"
  | "on_hold"
  | "cancelled";
export const SS_STATUSES: readonly SsStatus[] = [
  "awaiting_payment",
  "awaiting_shipment",
  "pending_fulfillment",
  "shipped",
  "on_hold",
  "cancelled",
];
export type SsStore = CommerceStore<SsStatus>;
export type SsOrder = StoreOrder<SsStatus>;

/** A sub-store: a marketplace or shop connected to the ShipStation account. */
export interface SubStore {
  readonly storeId: number;
  readonly storeName: string;
  readonly marketplaceName: string;
}

const MARKETPLACES = ["Shopify", "WooCommerce", "Amazon", "eBay", "Etsy", "BigCommerce", "Manual Orders"];
const HOUR = 3_600_000;

const own = (sequence: string, first = 1) => ({ sequence, first });
const SS_STORE: StorePlan<SsStatus> = {
  ids: {
    product: own("product", 11_780_600),
    item: own("item", 11_780_600),
    order: own("order", 987_654_000),
    line: own("line", 136_282_500),
    address: own("address"),
    shipment: own("shipment", 33_974_300),
    refund: own("refund"),
    note: own("note"),
    subscription: own("webhook", 12_000),
  },
  itemIsProduct: true,
  locations: [{ id: 1, code: "WH-1", label: "Ship From Location", enabled: true }],
  // ShipStation is not the stock system; its store only keeps what the kit needs to place orders.
  holdsStock: (s) => s !== "cancelled",
  stockEffect: (s) => (s === "cancelled" ? "return" : "take"),
  onStatus(order, status, nowMs) {
    if (status !== "awaiting_payment" && status !== "cancelled") order.paidMs ??= nowMs;
  },
};

/** The store with sub-stores: seeded orders go round-robin to them; `storeOf` says where each lives. */
export interface SsState {
  readonly store: SsStore;
  readonly seedIds: SeedIds;
  readonly subStores: readonly SubStore[];
  /** Order id → its sub-store's id. */
  readonly storeOf: Map<number, number>;
  /** Shipment id → batch id (SHIP_NOTIFY's `batchId`), order id → import batch (ORDER_NOTIFY's). */
  readonly batches: { readonly shipments: Map<number, string>; readonly orders: Map<number, string> };
  /** Webhook id → the sub-store it is limited to (`store_id` at subscribe). */
  readonly hookStores: Map<number, number>;
  /** The sub-store the next control-placed order lands in (default the first). */
  nextStoreId: number | null;
}

export function createSsStore(nowMs: () => number, seeded: SeededStore, stores: number): SsState {
  const store = new CommerceStore(SS_STORE, nowMs);
  const subStores = Array.from({ length: Math.max(1, stores) }, (_, i) => ({
    storeId: 31_000 + i * 7,
    storeName: `${MARKETPLACES[i % MARKETPLACES.length]} Store ${i + 1}`,
    marketplaceName: MARKETPLACES[i % MARKETPLACES.length] as string,
  }));
  const storeOf = new Map<number, number>();
  const seedIds = loadSeed<SsStatus>(store, seeded, {
    status: {
      pending: "awaiting_payment",
      paid: "awaiting_shipment",
      on_hold: "on_hold",
      fulfilled: "shipped",
      cancelled: "cancelled",
      refunded: "cancelled",
      failed: "cancelled",
    },
    afterOrder(order, seed) {
      storeOf.set(order.id, (subStores[seed.index % subStores.length] as SubStore).storeId);
      if (order.status !== "shipped") return;
      for (const line of order.lines) line.shipped = line.quantity;
      order.shippedMs = seed.createdAtMs + 2 * HOUR;
      order.shipments.push({
        id: store.nextId("shipment"),
        ref: "",
        trackingNumber: `9400${String(order.id).padStart(18, "0")}`,
        provider: "usps",
        customProvider: "",
        carrier: "stamps_com",
        link: "",
        comments: "",
        shippedOn: new Date(order.shippedMs).toISOString().slice(0, 10),
        createdMs: order.shippedMs,
        items: order.lines.map((l) => ({ lineId: l.id, quantity: l.quantity })),
      });
    },
  });
  for (const order of store.orders.values())
    if (order.status !== "awaiting_payment") order.paidMs ??= order.createdMs;
  const state: SsState = {
    store,
    seedIds,
    subStores,
    storeOf,
    batches: { shipments: new Map(), orders: new Map() },
    hookStores: new Map(),
    nextStoreId: null,
  };
  // Before any webhook listener: a new order's sub-store decides which subscriptions hear of it.
  store.listen((event) => {
    if (event.type !== "order.created") return;
    storeOf.set(event.order.id, state.nextStoreId ?? (subStores[0] as SubStore).storeId);
    state.nextStoreId = null;
  });
  return state;
}
