import { datePair, type SiteClock } from "./dates.ts";
import type {
  WooNote,
  WooOrder,
  WooProduct,
  WooRefund,
  WooStore,
  WooVariation,
  WooWebhook,
} from "./store.ts";

/** The JSON WooCommerce REST v3 returns for each resource (the fields a sync reads, in core's order). */

export interface ShapeContext {
  readonly store: WooStore;
  readonly clock: SiteClock;
  /** Site URL without a trailing slash. */
  readonly siteUrl: string;
}

const api = (ctx: ShapeContext, path: string) => `${ctx.siteUrl}/wp-json/wc/v3/${path}`;

function stockStatus(manageStock: boolean, quantity: number | null): "instock" | "outofstock" {
  return manageStock && (quantity ?? 0) <= 0 ? "outofstock" : "instock";
}

function slug(name: string, id: number): string {
  return `${name.toLowerCase().replace(/[^a-z0-9]+/g, "-")}-${id}`;
}

export function productJson(ctx: ShapeContext, p: WooProduct): Record<string, unknown> {
  const variations = p.variationIds.map((id) => ctx.store.variations.get(id)).filter((v) => v !== undefined);
  const price =
    p.type === "variable" ? (variations.map((v) => v.regularPrice).sort()[0] ?? "") : p.regularPrice;
  const status =
    p.type === "variable"
      ? variations.some((v) => stockStatus(v.manageStock, v.stockQuantity) === "instock")
        ? "instock"
        : "outofstock"
      : stockStatus(p.manageStock, p.stockQuantity);
  return {
    id: p.id,
    name: p.name,
    slug: slug(p.name, p.id),
    permalink: `${ctx.siteUrl}/product/${slug(p.name, p.id)}/`,
    ...datePair(ctx.clock, "date_created", p.createdMs),
    ...datePair(ctx.clock, "date_modified", p.modifiedMs),
    type: p.type,
    status: "publish",
    featured: false,
    catalog_visibility: "visible",
    description: "",
    short_description: "",
    sku: p.sku,
    price,
    regular_price: p.type === "variable" || p.type === "grouped" ? "" : p.regularPrice,
    sale_price: "",
    on_sale: false,
    purchasable: p.type !== "grouped",
    total_sales: 0,
    virtual: false,
    downloadable: false,
    tax_status: "taxable",
    tax_class: "",
    manage_stock: p.manageStock,
    stock_quantity: p.manageStock ? p.stockQuantity : null,
    backorders: "no",
    backorders_allowed: false,
    backordered: false,
    low_stock_amount: null,
    sold_individually: false,
    weight: "",
    dimensions: { length: "", width: "", height: "" },
    shipping_required: true,
    parent_id: 0,
    categories: [],
    tags: [],
    images: [],
    attributes: p.attributes.map((a, i) => ({
      id: 0,
      name: a.name,
      position: i,
      visible: true,
      variation: true,
      options: a.options,
    })),
    default_attributes: [],
    variations: p.variationIds,
    grouped_products: p.type === "grouped" ? p.componentIds : [],
    ...(p.type === "bundle"
      ? {
          bundled_items: p.componentIds.map((id, i) => ({
            bundled_item_id: i + 1,
            product_id: id,
            quantity_min: 1,
          })),
        }
      : {}),
    menu_order: 0,
    meta_data: [],
    stock_status: status,
    has_options: p.type === "variable",
    global_unique_id: p.globalUniqueId,
    _links: { self: [{ href: api(ctx, `products/${p.id}`) }], collection: [{ href: api(ctx, "products") }] },
  };
}

export function variationJson(ctx: ShapeContext, v: WooVariation): Record<string, unknown> {
  return {
    id: v.id,
    type: "variation",
    ...datePair(ctx.clock, "date_created", v.createdMs),
    ...datePair(ctx.clock, "date_modified", v.modifiedMs),
    description: "",
    permalink: `${ctx.siteUrl}/?p=${v.parentId}&variation_id=${v.id}`,
    sku: v.sku,
    price: v.regularPrice,
    regular_price: v.regularPrice,
    sale_price: "",
    on_sale: false,
    status: "publish",
    purchasable: true,
    virtual: false,
    downloadable: false,
    tax_status: "taxable",
    tax_class: "",
    manage_stock: v.manageStock,
    stock_quantity: v.manageStock ? v.stockQuantity : null,
    stock_status: stockStatus(v.manageStock, v.stockQuantity),
    backorders: "no",
    backorders_allowed: false,
    backordered: false,
    weight: "",
    dimensions: { length: "", width: "", height: "" },
    image: null,
    attributes: v.attributes.map((a) => ({ id: 0, name: a.name, option: a.option })),
    menu_order: 0,
    meta_data: [],
    parent_id: v.parentId,
    global_unique_id: v.globalUniqueId,
    _links: {
      self: [{ href: api(ctx, `products/${v.parentId}/variations/${v.id}`) }],
      up: [{ href: api(ctx, `products/${v.parentId}`) }],
    },
  };
}

const cents = (value: string) => Math.round(Number(value) * 100);
const decimal = (c: number) => (c / 100).toFixed(2);

export function orderTotal(o: WooOrder): string {
  return decimal(o.lines.reduce((sum, l) => sum + cents(l.price) * l.quantity, 0) + cents(o.shippingTotal));
}

export function orderJson(ctx: ShapeContext, o: WooOrder): Record<string, unknown> {
  return {
    id: o.id,
    parent_id: 0,
    status: o.status,
    currency: o.currency,
    version: "9.4.0",
    prices_include_tax: false,
    ...datePair(ctx.clock, "date_created", o.createdMs),
    ...datePair(ctx.clock, "date_modified", o.modifiedMs),
    discount_total: "0.00",
    discount_tax: "0.00",
    shipping_total: o.shippingTotal,
    shipping_tax: "0.00",
    cart_tax: "0.00",
    total: orderTotal(o),
    total_tax: "0.00",
    customer_id: o.customerId,
    order_key: o.orderKey,
    billing: o.billing,
    shipping: o.shipping,
    payment_method: o.paidMs === null ? "" : "stripe",
    payment_method_title: o.paidMs === null ? "" : "Credit Card (Stripe)",
    transaction_id: "",
    customer_ip_address: "",
    customer_user_agent: "",
    created_via: "checkout",
    customer_note: o.customerNote,
    ...datePair(ctx.clock, "date_completed", o.completedMs),
    ...datePair(ctx.clock, "date_paid", o.paidMs),
    cart_hash: "",
    number: String(o.id),
    meta_data: [],
    line_items: o.lines.map((l) => ({
      id: l.id,
      name: l.name,
      product_id: l.productId,
      variation_id: l.variationId,
      quantity: l.quantity,
      tax_class: "",
      subtotal: decimal(cents(l.price) * l.quantity),
      subtotal_tax: "0.00",
      total: decimal(cents(l.price) * l.quantity),
      total_tax: "0.00",
      taxes: [],
      meta_data: [],
      sku: l.sku,
      // WooCommerce returns the line's unit price as a number, unlike every other amount.
      price: Number(l.price),
      parent_name: null,
    })),
    tax_lines: [],
    shipping_lines:
      o.shippingTotal === "0.00"
        ? []
        : [
            {
              id: o.id * 10,
              method_title: "Flat rate",
              method_id: "flat_rate",
              total: o.shippingTotal,
              total_tax: "0.00",
              taxes: [],
            },
          ],
    fee_lines: [],
    coupon_lines: [],
    refunds: o.refunds.map((r) => ({ id: r.id, reason: r.reason, total: `-${r.amount}` })),
    payment_url: `${ctx.siteUrl}/checkout/order-pay/${o.id}/?pay_for_order=true&key=${o.orderKey}`,
    is_editable: o.status === "pending" || o.status === "on-hold",
    needs_payment: o.status === "pending" || o.status === "failed",
    needs_processing: true,
    _links: { self: [{ href: api(ctx, `orders/${o.id}`) }], collection: [{ href: api(ctx, "orders") }] },
  };
}

export function refundJson(ctx: ShapeContext, o: WooOrder, r: WooRefund): Record<string, unknown> {
  return {
    id: r.id,
    ...datePair(ctx.clock, "date_created", r.createdMs),
    amount: r.amount,
    reason: r.reason,
    refunded_by: 1,
    refunded_payment: false,
    meta_data: [],
    line_items: r.lines.map((rl) => {
      const line = o.lines.find((l) => l.id === rl.lineItemId);
      const total = decimal(-cents(line?.price ?? "0") * rl.quantity);
      return {
        id: rl.id,
        name: line?.name ?? "",
        product_id: line?.productId ?? 0,
        variation_id: line?.variationId ?? 0,
        quantity: -rl.quantity,
        tax_class: "",
        subtotal: total,
        subtotal_tax: "0.00",
        total,
        total_tax: "0.00",
        taxes: [],
        meta_data: [{ id: 0, key: "_refunded_item_id", value: String(rl.lineItemId) }],
        sku: line?.sku ?? "",
        price: -Number(line?.price ?? 0),
      };
    }),
    _links: {
      self: [{ href: api(ctx, `orders/${o.id}/refunds/${r.id}`) }],
      up: [{ href: api(ctx, `orders/${o.id}`) }],
    },
  };
}

export function noteJson(ctx: ShapeContext, o: WooOrder, n: WooNote): Record<string, unknown> {
  return {
    id: n.id,
    author: n.addedByUser ? "admin" : "WooCommerce",
    ...datePair(ctx.clock, "date_created", n.createdMs),
    note: n.note,
    customer_note: n.customerNote,
    _links: { self: [{ href: api(ctx, `orders/${o.id}/notes/${n.id}`) }] },
  };
}

export function webhookJson(ctx: ShapeContext, w: WooWebhook): Record<string, unknown> {
  const [resource, event] = w.topic.split(".");
  return {
    id: w.id,
    name: w.name,
    status: w.status,
    topic: w.topic,
    resource: resource ?? "",
    event: event ?? "",
    hooks: [],
    delivery_url: w.deliveryUrl,
    ...datePair(ctx.clock, "date_created", w.createdMs),
    ...datePair(ctx.clock, "date_modified", w.modifiedMs),
    _links: { self: [{ href: api(ctx, `webhooks/${w.id}`) }], collection: [{ href: api(ctx, "webhooks") }] },
  };
}
