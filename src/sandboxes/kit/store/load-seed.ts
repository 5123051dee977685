import type { SeededStore, SeedOrder, SeedOrderState, SeedProduct, SeedVariant } from "../seed/index.ts";
import { placeOrder } from "./order-ops.ts";
import type { StoreItem, StoreOrder, StoreProduct } from "./records.ts";
import type { CommerceStore } from "./store.ts";

/** How a platform takes the neutral seed: its status names and the few choices that differ. */
export interface SeedPlan<S> {
  readonly status: Readonly<Record<SeedOrderState, S>>;
  /** The product's own SKU (default ""). */
  productSku?(p: SeedProduct): string;
  /** Every product has at least one item (BigCommerce's base variant), a grouped one too. */
  readonly everyProductHasItem?: boolean;
  /** Units beside the first location's, per item: `[locationId, quantity]` pairs. */
  extraStock?(product: StoreProduct, index: number, v: SeedVariant): readonly (readonly [number, number])[];
  /** What a seeded order in `state` has besides its status: paid date, shipments, refunds. */
  afterOrder?(order: StoreOrder<S>, seed: SeedOrder): void;
}

/** Where each seed product and variant landed, for tests that look up a gap. */
export interface SeedIds {
  readonly products: readonly number[];
  /** `[productIndex][variantIndex]` → the item id. */
  readonly variants: readonly (readonly number[])[];
}

const HOUR = 3_600_000;
const NO_VARIANT: SeedVariant = {
  title: "",
  options: [],
  sku: null,
  barcode: null,
  price: "0.00",
  stock: null,
};

function addProduct<S>(store: CommerceStore<S>, p: SeedProduct, plan: SeedPlan<S>): StoreProduct {
  const hasOptions = p.variants.some((v) => v.options.length > 0);
  const product: StoreProduct = {
    id: store.nextId("product"),
    name: p.name,
    kind: p.kind,
    sku: plan.productSku?.(p) ?? "",
    hasOptions,
    itemIds: [],
    components: [],
    createdMs: p.createdAtMs,
    modifiedMs: p.createdAtMs,
  };
  store.products.set(product.id, product);
  const variants = p.variants.length === 0 && plan.everyProductHasItem ? [NO_VARIANT] : p.variants;
  const firstLocation = store.plan.locations[0]?.id ?? 1;
  variants.forEach((v, index) => {
    const item: StoreItem = {
      id: !hasOptions && store.plan.itemIsProduct ? product.id : store.nextId("item"),
      productId: product.id,
      sku: v.sku ?? "",
      price: v.price,
      barcode: v.barcode ?? "",
      options: v.options,
      tracked: v.stock !== null,
      stock: new Map(v.stock === null ? [] : [[firstLocation, v.stock]]),
      createdMs: p.createdAtMs,
      modifiedMs: p.createdAtMs,
    };
    if (item.tracked)
      for (const [at, units] of plan.extraStock?.(product, index, v) ?? []) item.stock.set(at, units);
    store.items.set(item.id, item);
    product.itemIds.push(item.id);
  });
  return product;
}

/** Fills an empty store from the kit's neutral seed; emits nothing. */
export function loadSeed<S>(store: CommerceStore<S>, seeded: SeededStore, plan: SeedPlan<S>): SeedIds {
  const products = seeded.products.map((p) => addProduct(store, p, plan));
  const ids: SeedIds = { products: products.map((p) => p.id), variants: products.map((p) => [...p.itemIds]) };
  seeded.products.forEach((p, i) => {
    products[i]?.components.push(...p.components.map((c) => ids.products[c] ?? 0));
  });
  for (const o of seeded.orders) {
    const status = plan.status[o.state];
    const order = placeOrder(
      store,
      {
        status,
        key: `seed${o.index}`,
        customerId: o.customer ? 1000 + o.index : 0,
        customer: o.customer,
        address: o.shippingAddress,
        createdMs: o.createdAtMs,
        shippingCents: o.shippingAddress ? 500 : 0,
        lines: o.lines.map((l) => ({
          itemId: ids.variants[l.product]?.[l.variant] ?? 0,
          quantity: l.quantity,
          price: l.price,
        })),
      },
      // The seeded stock is the stock after these orders: they hold it without moving it again.
      { emit: false, stockHeld: store.plan.holdsStock(status) },
    );
    plan.afterOrder?.(order, o);
    order.modifiedMs = o.createdAtMs + (o.state === "pending" ? 0 : 2 * HOUR);
  }
  return ids;
}
