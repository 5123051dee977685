import type {
  SeedAddress,
  SeedCustomer,
  SeededStore,
  SeedOrder,
  SeedOrderState,
  SeedProduct,
} from "../kit/seed/index.ts";
import { emptyAddress } from "./order-ops.ts";
import type { OrderStatus, WooAddress, WooLineItem, WooOrder, WooProduct, WooStore } from "./store.ts";

const STATUS: Record<SeedOrderState, OrderStatus> = {
  pending: "pending",
  paid: "processing",
  on_hold: "on-hold",
  fulfilled: "completed",
  cancelled: "cancelled",
  refunded: "refunded",
  failed: "failed",
};
const HOUR = 3_600_000;

/** Where each seed product and variant landed, for orders and for tests that look up a gap. */
export interface SeedIds {
  readonly products: readonly number[];
  /** `[productIndex][variantIndex]` → the variation id, or the product id for a simple product. */
  readonly variants: readonly (readonly number[])[];
}

function addProduct(store: WooStore, p: SeedProduct): { product: WooProduct; variantIds: number[] } {
  const id = store.nextPostId();
  const single = p.kind === "simple" || p.kind === "bundle" ? p.variants[0] : undefined;
  const options = new Map<string, string[]>();
  if (p.kind === "variable") {
    for (const v of p.variants)
      for (const o of v.options) options.set(o.name, [...new Set([...(options.get(o.name) ?? []), o.value])]);
  }
  const product: WooProduct = {
    id,
    name: p.name,
    type: p.kind,
    sku: single?.sku ?? "",
    regularPrice: single?.price ?? "",
    manageStock: single !== undefined && single.stock !== null,
    stockQuantity: single?.stock ?? null,
    globalUniqueId: single?.barcode ?? "",
    createdMs: p.createdAtMs,
    modifiedMs: p.createdAtMs,
    attributes: [...options].map(([name, values]) => ({ name, options: values })),
    variationIds: [],
    componentIds: [],
  };
  store.products.set(id, product);
  if (p.kind !== "variable") return { product, variantIds: single ? [id] : [] };
  const variantIds = p.variants.map((v) => {
    const variationId = store.nextPostId();
    store.variations.set(variationId, {
      id: variationId,
      parentId: id,
      sku: v.sku ?? "",
      regularPrice: v.price,
      manageStock: v.stock !== null,
      stockQuantity: v.stock,
      globalUniqueId: v.barcode ?? "",
      createdMs: p.createdAtMs,
      modifiedMs: p.createdAtMs,
      attributes: v.options.map((o) => ({ name: o.name, option: o.value })),
    });
    product.variationIds.push(variationId);
    return variationId;
  });
  return { product, variantIds };
}

function address(a: SeedAddress | null, email?: string): WooAddress {
  if (!a) return { ...emptyAddress(), ...(email !== undefined ? { email } : {}) };
  return {
    first_name: a.firstName,
    last_name: a.lastName,
    company: "",
    address_1: a.address1,
    address_2: "",
    city: a.city,
    state: a.province,
    postcode: a.zip,
    country: a.countryCode,
    ...(email !== undefined ? { email } : {}),
    phone: a.phone ?? "",
  };
}

function billingFor(customer: SeedCustomer | null, shipping: SeedAddress | null): WooAddress {
  // An order without a customer (made by hand in the admin) has an empty billing block, email included.
  if (!customer) return { ...emptyAddress(), email: "" };
  const billing = address(shipping, customer.email);
  return { ...billing, first_name: customer.firstName, last_name: customer.lastName };
}

function addOrder(store: WooStore, o: SeedOrder, catalog: readonly SeedProduct[], ids: SeedIds): void {
  const status = STATUS[o.state];
  const lines: WooLineItem[] = o.lines.map((l) => {
    const product = catalog[l.product] as SeedProduct;
    const variant = product.variants[l.variant];
    const itemId = ids.variants[l.product]?.[l.variant] ?? 0;
    const productId = ids.products[l.product] ?? 0;
    return {
      id: store.nextLineId(),
      name:
        product.kind === "variable"
          ? `${product.name} - ${variant?.options.map((x) => x.value).join(", ")}`
          : product.name,
      productId,
      variationId: itemId === productId ? 0 : itemId,
      quantity: l.quantity,
      sku: variant?.sku ?? "",
      price: l.price,
    };
  });
  const paid = status === "processing" || status === "completed" || status === "refunded";
  const order: WooOrder = {
    id: store.nextPostId(),
    orderKey: `wc_order_seed${o.index}`,
    status,
    currency: "USD",
    createdMs: o.createdAtMs,
    modifiedMs: o.createdAtMs + (status === "pending" ? 0 : 2 * HOUR),
    paidMs: paid ? o.createdAtMs : null,
    completedMs: status === "completed" ? o.createdAtMs + 2 * HOUR : null,
    customerId: o.customer ? 1000 + o.index : 0,
    billing: billingFor(o.customer, o.shippingAddress),
    shipping: address(o.shippingAddress),
    lines,
    shippingTotal: o.shippingAddress ? "5.00" : "0.00",
    customerNote: "",
    notes: [],
    refunds: [],
    trackings: [],
    // The seeded stock is the stock after these orders; they hold it without moving it again.
    stockReduced: status === "processing" || status === "on-hold" || status === "completed",
  };
  store.orders.set(order.id, order);
  if (status === "refunded") {
    const total =
      lines.reduce((s, l) => s + Math.round(Number(l.price) * 100) * l.quantity, 0) +
      (o.shippingAddress ? 500 : 0);
    order.refunds.push({
      id: store.nextPostId(),
      amount: (total / 100).toFixed(2),
      reason: "Customer changed their mind",
      createdMs: order.modifiedMs,
      lines: lines.map((l) => ({ id: store.nextLineId(), lineItemId: l.id, quantity: l.quantity })),
    });
  }
}

/** Fills an empty store from the kit's neutral seed; emits no webhooks. */
export function loadSeed(store: WooStore, seeded: SeededStore): SeedIds {
  const added = seeded.products.map((p) => addProduct(store, p));
  const ids: SeedIds = { products: added.map((a) => a.product.id), variants: added.map((a) => a.variantIds) };
  seeded.products.forEach((p, i) => {
    const product = added[i]?.product;
    if (product) (product.componentIds as number[]).push(...p.components.map((c) => ids.products[c] ?? 0));
  });
  for (const o of seeded.orders) addOrder(store, o, seeded.products, ids);
  return ids;
}
