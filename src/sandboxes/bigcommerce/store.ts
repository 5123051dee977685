import type { SeedAddress, SeededStore, SeedProduct } from "../kit/seed/index.ts";
import { loadSeed, type SeedIds } from "../kit/store/load-seed.ts";
import { recordRefund } from "../kit/store/order-ops.ts";
import type { StoreItem, StoreOrder, StoreProduct } from "../kit/store/records.ts";
import { CommerceStore, type StorePlan } from "../kit/store/store.ts";

/** BigCommerce on the kit store: numeric order statuses, ids per kind, two locations. */

export type BcStore = CommerceStore<number>;
export type BcOrder = StoreOrder<number>;

/** Statuses whose orders do not hold stock: Incomplete, Cancelled, Declined. */
const RELEASES_STOCK = new Set([0, 5, 6]);
export const holdsStock = (statusId: number) => !RELEASES_STOCK.has(statusId);
export const SHIPPED = 2;
export const PARTIALLY_SHIPPED = 3;
export const REFUNDED = 4;
export const PARTIALLY_REFUNDED = 14;
export const DEFAULT_LOCATION = 1;
export const WAREHOUSE_LOCATION = 2;
const HOUR = 3_600_000;

const own = (sequence: string, first = 1) => ({ sequence, first });
const BC_STORE: StorePlan<number> = {
  // Ids per kind, each from its own start so they look like a store's (orders from 100, …).
  ids: {
    product: own("product", 111),
    item: own("variant", 64),
    order: own("order", 100),
    line: own("line"),
    address: own("address"),
    shipment: own("shipment"),
    refund: own("refund"),
    note: own("note"),
    subscription: own("hook", 25_000_000),
  },
  itemIsProduct: false,
  locations: [
    { id: DEFAULT_LOCATION, code: "BC-LOCATION-1", label: "Default location", enabled: true },
    { id: WAREHOUSE_LOCATION, code: "WH-2", label: "Warehouse", enabled: true },
  ],
  holdsStock,
  stockEffect: (statusId) => (holdsStock(statusId) ? "take" : "return"),
};

/** A parent SKU as merchants give one: the variants' SKU without its option codes. */
function parentSku(p: SeedProduct): string {
  if (p.kind !== "variable") return p.variants[0]?.sku ?? "";
  const sku = p.variants[p.variants.length - 1]?.sku?.trim();
  return sku ? sku.split("-").slice(0, 2).join("-") : "";
}

export function createBcStore(
  nowMs: () => number,
  seeded: SeededStore,
): { store: BcStore; seedIds: SeedIds } {
  const store = new CommerceStore(BC_STORE, nowMs);
  const seedIds = loadSeed(store, seeded, {
    // Seed states as BigCommerce names them (status_id).
    status: {
      pending: 7,
      paid: 11,
      on_hold: 12,
      fulfilled: SHIPPED,
      cancelled: 5,
      refunded: REFUNDED,
      failed: 6,
    },
    productSku: parentSku,
    // Every BigCommerce product has a variant: a grouped seed product gets one without SKU or stock.
    everyProductHasItem: true,
    // A second location holds a few units of every third product's first variant (if it has any stock).
    extraStock: (product, index, v) =>
      product.id % 3 === 0 && index === 0 && (v.stock ?? 0) > 0 ? [[WAREHOUSE_LOCATION, 4]] : [],
    afterOrder(order, seed) {
      if (order.status !== SHIPPED && order.status !== REFUNDED) return;
      for (const line of order.lines) line.shipped = line.quantity;
      order.shippedMs = seed.createdAtMs + 2 * HOUR;
      if (order.status !== REFUNDED) return;
      const refund = recordRefund(store, order, {
        lines: order.lines.map((l) => ({ lineId: l.id, quantity: l.quantity })),
        reason: "Customer changed their mind",
        restock: false,
      });
      refund.createdMs = seed.createdAtMs + 2 * HOUR;
    },
  });
  return { store, seedIds };
}

/** "none": not tracked; "product": one level on the product (its base variant); "variant": per variant. */
export type InventoryTracking = "none" | "product" | "variant";

export function trackingOf(store: BcStore, p: StoreProduct): InventoryTracking {
  const items = store.itemsOf(p);
  if (!items.some((i) => i.tracked)) return "none";
  return p.hasOptions && items.length > 1 ? "variant" : "product";
}

/** Ids BigCommerce gives beside the variant's: v2 SKU ids and option value ids, numbered in catalogue order. */
export interface BcExtraIds {
  readonly skuIds: ReadonlyMap<number, number>;
  readonly optionValueIds: ReadonlyMap<string, number>;
}

export function extraIds(store: BcStore): BcExtraIds {
  const skuIds = new Map<number, number>();
  const optionValueIds = new Map<string, number>();
  for (const item of store.items.values()) {
    if (store.productOf(item).hasOptions) skuIds.set(item.id, skuIds.size + 1);
    for (const o of item.options)
      if (!optionValueIds.has(`${o.name}:${o.value}`))
        optionValueIds.set(`${o.name}:${o.value}`, optionValueIds.size + 1);
  }
  return { skuIds, optionValueIds };
}

/** An item's v2 SKU id: null for a product's base variant (a product without options). */
export const skuIdOf = (ids: BcExtraIds, item: StoreItem) => ids.skuIds.get(item.id) ?? null;

const COUNTRIES: Record<string, string> = {
  US: "United States",
  CA: "Canada",
  GB: "United Kingdom",
  DE: "Germany",
};

export function bcAddress(a: SeedAddress | null, email: string) {
  return {
    first_name: a?.firstName ?? "",
    last_name: a?.lastName ?? "",
    company: "",
    street_1: a?.address1 ?? "",
    street_2: "",
    city: a?.city ?? "",
    state: a?.province ?? "",
    zip: a?.zip ?? "",
    country: a ? (COUNTRIES[a.countryCode] ?? a.countryCode) : "",
    country_iso2: a?.countryCode ?? "",
    phone: a?.phone ?? "",
    email,
  };
}

/** The billing block: the shopper's address, or only an email for an order without a customer or address. */
export const billingOf = (o: BcOrder) => bcAddress(o.customer ? o.address : null, o.customer?.email ?? "");
