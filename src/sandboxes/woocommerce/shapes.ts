import {
  cents,
  decimal,
  type StoreItem,
  type StoreNote,
  type StoreProduct,
  type StoreRefund,
  type StoreSubscription,
} from "../kit/store/records.ts";
import { emptyAddress, wooAddress } from "./addresses.ts";
import { datePair, type SiteClock } from "./dates.ts";
import { baseItem, stockQuantity, type WooOrder, type WooStore } from "./store.ts";

/** The JSON WooCommerce REST v3 returns for each resource (the fields a sync reads, in core's order). */

export interface ShapeContext {
  readonly store: WooStore;
  readonly clock: SiteClock;
  /** Site URL without a trailing slash. */
  readonly siteUrl: string;
}

const api = (ctx: ShapeContext, path: string) => `${ctx.siteUrl}/wp-json/wc/v3/${path}`;
const links = (ctx: ShapeContext, self: string, rel: "collection" | "up", other: string) => ({
  _links: { self: [{ href: api(ctx, self) }], [rel]: [{ href: api(ctx, other) }] },
});

/** Field groups the sandbox never varies, at core's defaults: no sales, taxes, backorders, sizes. */
const NOT_ON_SALE = { sale_price: "", on_sale: false } as const;
const DOWNLOADS_AND_TAX = {
  virtual: false,
  downloadable: false,
  tax_status: "taxable",
  tax_class: "",
} as const;
const NO_BACKORDERS = { backorders: "no", backorders_allowed: false, backordered: false } as const;
const NO_SIZE = { weight: "", dimensions: { length: "", width: "", height: "" } } as const;
const NO_TAX = { subtotal_tax: "0.00", total_tax: "0.00", taxes: [] } as const;
const SHIPPING = (total: string) => ({ total, total_tax: "0.00", taxes: [] });

function stockStatus(manageStock: boolean, quantity: number | null): "instock" | "outofstock" {
  return manageStock && (quantity ?? 0) <= 0 ? "outofstock" : "instock";
}

function slug(name: string, id: number): string {
  return `${name.toLowerCase().replace(/[^a-z0-9]+/g, "-")}-${id}`;
}

/** Attribute names with every value the product's items use, in first-seen order. */
function attributes(items: readonly StoreItem[]) {
  const options = new Map<string, string[]>();
  for (const v of items)
    for (const o of v.options) options.set(o.name, [...new Set([...(options.get(o.name) ?? []), o.value])]);
  return [...options].map(([name, values]) => ({ name, options: values }));
}

export function productJson(ctx: ShapeContext, p: StoreProduct): Record<string, unknown> {
  const base = baseItem(ctx.store, p);
  const variations = p.hasOptions ? ctx.store.itemsOf(p) : [];
  const manageStock = base?.tracked ?? false;
  const regularPrice = base?.price ?? "";
  const type = p.kind;
  const price = p.hasOptions ? (variations.map((v) => v.price).sort()[0] ?? "") : regularPrice;
  const status = p.hasOptions
    ? variations.some((v) => stockStatus(v.tracked, stockQuantity(v)) === "instock")
      ? "instock"
      : "outofstock"
    : stockStatus(manageStock, stockQuantity(base));
  return {
    id: p.id,
    name: p.name,
    slug: slug(p.name, p.id),
    permalink: `${ctx.siteUrl}/product/${slug(p.name, p.id)}/`,
    ...datePair(ctx.clock, "date_created", p.createdMs),
    ...datePair(ctx.clock, "date_modified", p.modifiedMs),
    ...{ type, status: "publish", featured: false, catalog_visibility: "visible" },
    ...{
      description: "",
      short_description: "",
      sku: base?.sku ?? p.sku,
      price,
      regular_price: regularPrice,
    },
    ...NOT_ON_SALE,
    ...{ purchasable: type !== "grouped", total_sales: 0, ...DOWNLOADS_AND_TAX },
    ...{ manage_stock: manageStock, stock_quantity: stockQuantity(base), ...NO_BACKORDERS },
    ...{ low_stock_amount: null, sold_individually: false, ...NO_SIZE, shipping_required: true },
    ...{ parent_id: 0, categories: [], tags: [], images: [] },
    attributes: attributes(variations).map((a, i) => ({
      id: 0,
      name: a.name,
      position: i,
      visible: true,
      variation: true,
      options: a.options,
    })),
    default_attributes: [],
    variations: variations.map((v) => v.id),
    grouped_products: type === "grouped" ? p.components : [],
    ...(type === "bundle"
      ? {
          bundled_items: p.components.map((id, i) => ({
            bundled_item_id: i + 1,
            product_id: id,
            quantity_min: 1,
          })),
        }
      : {}),
    ...{ menu_order: 0, meta_data: [], stock_status: status, has_options: p.hasOptions },
    global_unique_id: base?.barcode ?? "",
    ...links(ctx, `products/${p.id}`, "collection", "products"),
  };
}

export function variationJson(ctx: ShapeContext, v: StoreItem): Record<string, unknown> {
  const parentId = v.productId;
  return {
    id: v.id,
    type: "variation",
    ...datePair(ctx.clock, "date_created", v.createdMs),
    ...datePair(ctx.clock, "date_modified", v.modifiedMs),
    description: "",
    permalink: `${ctx.siteUrl}/?p=${parentId}&variation_id=${v.id}`,
    ...{ sku: v.sku, price: v.price, regular_price: v.price, ...NOT_ON_SALE, status: "publish" },
    ...{ purchasable: true, ...DOWNLOADS_AND_TAX, manage_stock: v.tracked, stock_quantity: stockQuantity(v) },
    ...{ stock_status: stockStatus(v.tracked, stockQuantity(v)), ...NO_BACKORDERS, ...NO_SIZE, image: null },
    attributes: v.options.map((a) => ({ id: 0, name: a.name, option: a.value })),
    ...{ menu_order: 0, meta_data: [], parent_id: parentId, global_unique_id: v.barcode },
    ...links(ctx, `products/${parentId}/variations/${v.id}`, "up", `products/${parentId}`),
  };
}

/** An order without a customer (made by hand in the admin) has an empty billing block, email included. */
function billing(o: WooOrder) {
  if (!o.customer) return { ...emptyAddress(), email: "" };
  const { firstName: first_name, lastName: last_name, email } = o.customer;
  return { ...wooAddress(o.address), first_name, last_name, email };
}

export function orderJson(ctx: ShapeContext, o: WooOrder): Record<string, unknown> {
  const orderKey = `wc_order_${o.key}`;
  const shippingTotal = decimal(o.shippingCents);
  return {
    ...{
      id: o.id,
      parent_id: 0,
      status: o.status,
      currency: "USD",
      version: "9.4.0",
      prices_include_tax: false,
    },
    ...datePair(ctx.clock, "date_created", o.createdMs),
    ...datePair(ctx.clock, "date_modified", o.modifiedMs),
    ...{ discount_total: "0.00", discount_tax: "0.00", shipping_total: shippingTotal, shipping_tax: "0.00" },
    ...{ cart_tax: "0.00", total: decimal(ctx.store.totalCents(o)), total_tax: "0.00" },
    ...{ customer_id: o.customerId, order_key: orderKey },
    billing: billing(o),
    shipping: wooAddress(o.address),
    payment_method: o.paidMs === null ? "" : "stripe",
    payment_method_title: o.paidMs === null ? "" : "Credit Card (Stripe)",
    ...{ transaction_id: "", customer_ip_address: "", customer_user_agent: "", created_via: "checkout" },
    customer_note: o.customerNote,
    ...datePair(ctx.clock, "date_completed", o.completedMs),
    ...datePair(ctx.clock, "date_paid", o.paidMs),
    ...{ cart_hash: "", number: String(o.id), meta_data: [] },
    line_items: o.lines.map((l) => ({
      ...{
        id: l.id,
        name: l.name,
        product_id: l.productId,
        variation_id: l.itemId === l.productId ? 0 : l.itemId,
      },
      ...{ quantity: l.quantity, tax_class: "", subtotal: decimal(cents(l.price) * l.quantity) },
      ...{ total: decimal(cents(l.price) * l.quantity), ...NO_TAX, meta_data: [], sku: l.sku },
      // WooCommerce returns the line's unit price as a number, unlike every other amount.
      price: Number(l.price),
      parent_name: null,
    })),
    tax_lines: [],
    shipping_lines:
      o.shippingCents === 0
        ? []
        : [{ id: o.id * 10, method_title: "Flat rate", method_id: "flat_rate", ...SHIPPING(shippingTotal) }],
    fee_lines: [],
    coupon_lines: [],
    refunds: [...o.refunds]
      .reverse()
      .map((r) => ({ id: r.id, reason: r.reason, total: `-${decimal(r.amountCents)}` })),
    payment_url: `${ctx.siteUrl}/checkout/order-pay/${o.id}/?pay_for_order=true&key=${orderKey}`,
    is_editable: o.status === "pending" || o.status === "on-hold",
    needs_payment: o.status === "pending" || o.status === "failed",
    needs_processing: true,
    ...links(ctx, `orders/${o.id}`, "collection", "orders"),
  };
}

export function refundJson(ctx: ShapeContext, o: WooOrder, r: StoreRefund): Record<string, unknown> {
  return {
    id: r.id,
    ...datePair(ctx.clock, "date_created", r.createdMs),
    ...{
      amount: decimal(r.amountCents),
      reason: r.reason,
      refunded_by: 1,
      refunded_payment: false,
      meta_data: [],
    },
    line_items: r.lines.map((rl) => {
      const line = o.lines.find((l) => l.id === rl.lineId);
      const total = decimal(-cents(line?.price ?? "0") * rl.quantity);
      return {
        ...{ id: rl.id, name: line?.name ?? "", product_id: line?.productId ?? 0 },
        variation_id: line && line.itemId !== line.productId ? line.itemId : 0,
        ...{ quantity: -rl.quantity, tax_class: "", subtotal: total, total, ...NO_TAX },
        meta_data: [{ id: 0, key: "_refunded_item_id", value: String(rl.lineId) }],
        sku: line?.sku ?? "",
        price: -Number(line?.price ?? 0),
      };
    }),
    ...links(ctx, `orders/${o.id}/refunds/${r.id}`, "up", `orders/${o.id}`),
  };
}

export function noteJson(ctx: ShapeContext, o: WooOrder, n: StoreNote): Record<string, unknown> {
  return {
    id: n.id,
    author: n.addedByUser ? "admin" : "WooCommerce",
    ...datePair(ctx.clock, "date_created", n.createdMs),
    note: n.note,
    customer_note: n.customerNote,
    _links: { self: [{ href: api(ctx, `orders/${o.id}/notes/${n.id}`) }] },
  };
}

export function webhookJson(ctx: ShapeContext, w: StoreSubscription): Record<string, unknown> {
  const [resource, event] = w.topic.split(".");
  return {
    ...{
      id: w.id,
      name: w.name,
      status: w.status,
      topic: w.topic,
      resource: resource ?? "",
      event: event ?? "",
    },
    ...{ hooks: [], delivery_url: w.url },
    ...datePair(ctx.clock, "date_created", w.createdMs),
    ...datePair(ctx.clock, "date_modified", w.modifiedMs),
    ...links(ctx, `webhooks/${w.id}`, "collection", "webhooks"),
  };
}
