import type { SeedAddress, SeededStore, SeedOrderState, SeedProduct } from "../kit/seed/index.ts";
import { emptyAddress, holdsStock, placeOrder, refundOrder } from "./order-ops.ts";
import type { BcAddress, BcProduct, BcStore, BcVariant, InventoryTracking } from "./store.ts";

/** Seed states as BigCommerce names them (status_id). */
const STATUS: Record<SeedOrderState, number> = {
  pending: 7, // Awaiting Payment
  paid: 11, // Awaiting Fulfillment
  on_hold: 12, // Manual Verification Required
  fulfilled: 2, // Shipped
  cancelled: 5,
  refunded: 4,
  failed: 6, // Declined
};
const HOUR = 3_600_000;
export const DEFAULT_LOCATION = 1;
export const WAREHOUSE_LOCATION = 2;

/** Where each seed product and variant landed, for orders and for tests that look up a gap. */
export interface SeedIds {
  readonly products: readonly number[];
  /** `[productIndex][variantIndex]` → the variant id. */
  readonly variants: readonly (readonly number[])[];
}

function trackingOf(p: SeedProduct): InventoryTracking {
  if (p.kind === "bundle" || p.kind === "grouped" || p.variants.every((v) => v.stock === null)) return "none";
  return p.kind === "variable" && p.variants.length > 1 ? "variant" : "product";
}

/** A parent SKU as merchants give one: the variants' SKU without its option codes. */
function parentSku(p: SeedProduct): string {
  if (p.kind !== "variable") return p.variants[0]?.sku ?? "";
  const sku = p.variants[p.variants.length - 1]?.sku?.trim();
  return sku ? sku.split("-").slice(0, 2).join("-") : "";
}

function addProduct(store: BcStore, p: SeedProduct, optionIds: Map<string, number>): BcProduct {
  const tracking = trackingOf(p);
  const hasOptions = p.variants.some((v) => v.options.length > 0);
  const product: BcProduct = {
    id: store.nextId("product"),
    name: p.name,
    type: p.kind === "grouped" ? "digital" : "physical",
    sku: parentSku(p),
    price: Number(p.variants[0]?.price ?? "0"),
    tracking,
    bundleOf: [],
    createdMs: p.createdAtMs,
    modifiedMs: p.createdAtMs,
    variantIds: [],
    hasOptions,
  };
  store.products.set(product.id, product);
  // Every BigCommerce product has a variant: a grouped seed product gets one without SKU or stock.
  const seedVariants =
    p.variants.length > 0
      ? p.variants
      : [{ sku: null, barcode: null, price: "0.00", stock: null, options: [], title: p.name }];
  for (const [i, v] of seedVariants.entries()) {
    const variant: BcVariant = {
      id: store.nextId("variant"),
      productId: product.id,
      sku: v.sku ?? "",
      skuId: hasOptions ? store.nextId("sku") : null,
      price: Number(v.price),
      upc: v.barcode ?? "",
      optionValues: v.options.map((o) => {
        const key = `${o.name}:${o.value}`;
        if (!optionIds.has(key)) optionIds.set(key, optionIds.size + 1);
        return {
          id: optionIds.get(key) as number,
          label: o.value,
          optionId: o.name === "Color" ? 1 : 2,
          optionDisplayName: o.name,
        };
      }),
      stock: new Map(),
      modifiedMs: p.createdAtMs,
    };
    if (tracking !== "none") {
      variant.stock.set(DEFAULT_LOCATION, v.stock ?? 0);
      // A second location holds a few units of every third product's first variant (if it has any stock).
      if (product.id % 3 === 0 && i === 0 && (v.stock ?? 0) > 0) variant.stock.set(WAREHOUSE_LOCATION, 4);
    }
    store.variants.set(variant.id, variant);
    product.variantIds.push(variant.id);
  }
  return product;
}

function address(a: SeedAddress, email: string): BcAddress {
  return {
    ...emptyAddress(),
    first_name: a.firstName,
    last_name: a.lastName,
    street_1: a.address1,
    city: a.city,
    state: a.province,
    zip: a.zip,
    country:
      { US: "United States", CA: "Canada", GB: "United Kingdom", DE: "Germany" }[a.countryCode] ??
      a.countryCode,
    country_iso2: a.countryCode,
    phone: a.phone ?? "",
    email,
  };
}

/** Fills an empty store from the kit's neutral seed; sends no webhooks. */
export function loadSeed(store: BcStore, seeded: SeededStore): SeedIds {
  store.locations.set(DEFAULT_LOCATION, {
    id: DEFAULT_LOCATION,
    code: "BC-LOCATION-1",
    label: "Default location",
    enabled: true,
  });
  store.locations.set(WAREHOUSE_LOCATION, {
    id: WAREHOUSE_LOCATION,
    code: "WH-2",
    label: "Warehouse",
    enabled: true,
  });
  const optionIds = new Map<string, number>();
  const products = seeded.products.map((p) => addProduct(store, p, optionIds));
  const ids: SeedIds = {
    products: products.map((p) => p.id),
    variants: products.map((p) => [...p.variantIds]),
  };
  seeded.products.forEach((p, i) => {
    const product = products[i];
    if (product && p.components.length > 0)
      (product.bundleOf as number[]).push(...p.components.map((c) => ids.products[c] ?? 0));
  });
  for (const o of seeded.orders) {
    const statusId = STATUS[o.state];
    const email = o.customer?.email ?? "";
    const order = placeOrder(
      store,
      {
        statusId: statusId === 4 ? 2 : statusId,
        customerId: o.customer ? 1000 + o.index : 0,
        createdMs: o.createdAtMs,
        billing:
          o.shippingAddress && o.customer ? address(o.shippingAddress, email) : { ...emptyAddress(), email },
        shippingAddress: o.shippingAddress ? address(o.shippingAddress, email) : null,
        lines: o.lines.map((l) => {
          const product = products[l.product] as BcProduct;
          const variant = store.variants.get(ids.variants[l.product]?.[l.variant] ?? 0) as BcVariant;
          const options = variant.optionValues.map((v) => v.label).join(", ");
          return {
            productId: product.id,
            variantId: variant.id,
            name: options ? `${product.name} - ${options}` : product.name,
            sku: variant.sku,
            quantity: l.quantity,
            price: Number(l.price),
          };
        }),
        shippingCost: o.shippingAddress ? 5 : 0,
      },
      { emit: false, stockTaken: holdsStock(statusId) },
    );
    if (statusId === 2 || statusId === 4)
      for (const line of order.products) line.quantityShipped = line.quantity;
    if (statusId === 2 || statusId === 4) order.shippedMs = o.createdAtMs + 2 * HOUR;
    if (statusId === 4) {
      const refund = refundOrder(store, order, {
        lines: order.products.map((l) => ({ orderProductId: l.id, quantity: l.quantity })),
        reason: "Customer changed their mind",
        restock: false,
      });
      (refund as { createdMs: number }).createdMs = o.createdAtMs + 2 * HOUR;
    }
    order.modifiedMs = o.createdAtMs + (statusId === 7 ? 0 : 2 * HOUR);
  }
  return ids;
}
