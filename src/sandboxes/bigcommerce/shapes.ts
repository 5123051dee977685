import type {
  StoreItem,
  StoreLocation,
  StoreOrderLine,
  StoreProduct,
  StoreRefund,
  StoreShipment,
  StoreSubscription,
} from "../kit/store/records.ts";
import type { BcContext } from "./routes/common.ts";
import { type BcOrder, bcAddress, billingOf, skuIdOf, trackingOf } from "./store.ts";

/** The JSON BigCommerce returns for each resource: the fields a sync reads, in the docs' spelling. */

/** V3 dates: ISO 8601 with an explicit offset ("2026-01-31T12:00:00+00:00"). */
export const v3Date = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "+00:00");
/** V2 dates: RFC 2822 ("Tue, 20 Nov 2012 00:00:00 +0000"). */
export const v2Date = (ms: number) => new Date(ms).toUTCString().replace("GMT", "+0000");
/** V2 money: decimal strings with four places. */
export const money4 = (value: number) => value.toFixed(4);

export const STATUS_NAMES: Readonly<Record<number, string>> = {
  0: "Incomplete",
  1: "Pending",
  2: "Shipped",
  3: "Partially Shipped",
  4: "Refunded",
  5: "Cancelled",
  6: "Declined",
  7: "Awaiting Payment",
  8: "Awaiting Pickup",
  9: "Awaiting Shipment",
  10: "Completed",
  11: "Awaiting Fulfillment",
  12: "Manual Verification Required",
  13: "Disputed",
  14: "Partially Refunded",
};

export function variantJson(ctx: BcContext, v: StoreItem): Record<string, unknown> {
  const { store } = ctx;
  const level = trackingOf(store, store.productOf(v)) === "none" ? 0 : store.onHand(v);
  return {
    ...{ id: v.id, product_id: v.productId, sku: v.sku, sku_id: skuIdOf(ctx.ids, v) },
    ...{ price: Number(v.price), calculated_price: Number(v.price), sale_price: null },
    ...{ inventory_level: level, inventory_warning_level: 0, upc: v.barcode, gtin: v.barcode, mpn: "" },
    purchasing_disabled: false,
    option_values: v.options.map((o) => ({
      id: ctx.ids.optionValueIds.get(`${o.name}:${o.value}`) ?? 0,
      label: o.value,
      option_id: o.name === "Color" ? 1 : 2,
      option_display_name: o.name,
    })),
  };
}

export function productJson(ctx: BcContext, p: StoreProduct, withVariants: boolean): Record<string, unknown> {
  const { store } = ctx;
  const variants = store.itemsOf(p);
  const tracking = trackingOf(store, p);
  const level = tracking === "none" ? 0 : variants.reduce((sum, v) => sum + store.onHand(v), 0);
  const price = Number(variants[0]?.price ?? 0);
  return {
    ...{ id: p.id, name: p.name, type: p.kind === "grouped" ? "digital" : "physical", sku: p.sku, price },
    ...{ calculated_price: price, inventory_level: level, inventory_warning_level: 0 },
    ...{ inventory_tracking: tracking, is_visible: true, availability: "available" },
    upc: p.hasOptions ? "" : (variants[0]?.barcode ?? ""),
    base_variant_id: p.hasOptions ? null : (variants[0]?.id ?? null),
    ...{ date_created: v3Date(p.createdMs), date_modified: v3Date(p.modifiedMs) },
    // BigCommerce has no bundle type; stores fake one with a custom field (a seeded gap).
    custom_fields: p.components.length
      ? [{ id: p.id, name: "bundle_of", value: p.components.join(",") }]
      : [],
    ...(withVariants ? { variants: variants.map((v) => variantJson(ctx, v)) } : {}),
  };
}

export function locationJson(l: StoreLocation): Record<string, unknown> {
  return {
    ...{ id: l.id, code: l.code, label: l.label, description: "", managed_by_external_source: false },
    ...{ type_id: "PHYSICAL", enabled: l.enabled, operating_hours: {}, time_zone: "Etc/UTC", address: null },
    storefront_visibility: true,
  };
}

/** One `/v3/inventory/items` entry: the item's identity and its stock at each requested location. */
export function inventoryItemJson(ctx: BcContext, v: StoreItem, locations: readonly StoreLocation[]) {
  return {
    identity: { sku: v.sku, variant_id: v.id, product_id: v.productId, sku_id: skuIdOf(ctx.ids, v) },
    locations: locations.map((l) => {
      const onHand = v.stock.get(l.id) ?? 0;
      return {
        ...{ location_id: l.id, location_code: l.code, location_name: l.label, available_to_sell: onHand },
        ...{ total_inventory_onhand: onHand, location_enabled: l.enabled },
        settings: { safety_stock: 0, is_in_stock: onHand > 0, warning_level: 0, bin_picking_number: "" },
      };
    }),
  };
}

export function orderJson(baseUrl: string, o: BcOrder): Record<string, unknown> {
  const subtotal = o.lines.reduce((sum, l) => sum + Number(l.price) * l.quantity, 0);
  const shippingCost = o.shippingCents / 100;
  const total = subtotal + shippingCost;
  const refunded = o.refunds.reduce((sum, r) => sum + r.amountCents, 0) / 100;
  const resource = (name: string) => ({
    url: `${baseUrl}/v2/orders/${o.id}/${name}`,
    resource: `/orders/${o.id}/${name}`,
  });
  return {
    ...{ id: o.id, customer_id: o.customerId, date_created: v2Date(o.createdMs) },
    ...{ date_modified: v2Date(o.modifiedMs), date_shipped: o.shippedMs === null ? "" : v2Date(o.shippedMs) },
    ...{ status_id: o.status, status: STATUS_NAMES[o.status] },
    ...{ subtotal_ex_tax: money4(subtotal), subtotal_inc_tax: money4(subtotal), subtotal_tax: money4(0) },
    base_shipping_cost: money4(shippingCost),
    ...{ shipping_cost_ex_tax: money4(shippingCost), shipping_cost_inc_tax: money4(shippingCost) },
    ...{ total_ex_tax: money4(total), total_inc_tax: money4(total), total_tax: money4(0) },
    items_total: o.lines.reduce((sum, l) => sum + l.quantity, 0),
    items_shipped: o.lines.reduce((sum, l) => sum + l.shipped, 0),
    payment_method: o.customerId === 0 && !o.customer ? "Manual" : "Credit Card",
    payment_status: refunded > 0 ? (refunded >= total ? "refunded" : "partially refunded") : "captured",
    refunded_amount: money4(refunded),
    ...{ currency_code: "USD", default_currency_code: "USD", currency_exchange_rate: "1.0000000000" },
    ...{ is_deleted: false, order_source: "www", channel_id: 1, external_source: null, customer_message: "" },
    billing_address: billingOf(o),
    products: resource("products"),
    shipping_addresses: resource("shipping_addresses"),
    coupons: resource("coupons"),
  };
}

export function orderProductJson(o: BcOrder, l: StoreOrderLine): Record<string, unknown> {
  const price = Number(l.price);
  return {
    ...{
      id: l.id,
      order_id: o.id,
      product_id: l.productId,
      variant_id: l.itemId,
      order_address_id: o.addressId,
    },
    ...{ name: l.name, sku: l.sku, type: "physical" },
    ...{ base_price: money4(price), price_ex_tax: money4(price), price_inc_tax: money4(price) },
    ...{ total_ex_tax: money4(price * l.quantity), total_inc_tax: money4(price * l.quantity) },
    ...{ quantity: l.quantity, quantity_shipped: l.shipped, quantity_refunded: l.refunded },
    ...{ refund_amount: money4(0), product_options: [] },
  };
}

/** The order's shipping address (one per order here); every line ships to it. */
export const shippingAddressOf = (o: BcOrder) => ({
  ...bcAddress(o.address, o.customer?.email ?? ""),
  id: o.addressId,
});

export function shippingAddressJson(o: BcOrder) {
  const { id, ...address } = shippingAddressOf(o);
  const shipping = money4(o.shippingCents / 100);
  return {
    id,
    order_id: o.id,
    ...address,
    items_total: o.lines.reduce((sum, l) => sum + l.quantity, 0),
    items_shipped: o.lines.reduce((sum, l) => sum + l.shipped, 0),
    ...{ shipping_method: "Flat Rate", base_cost: shipping, cost_ex_tax: shipping, cost_inc_tax: shipping },
  };
}

export function shipmentJson(o: BcOrder, s: StoreShipment): Record<string, unknown> {
  return {
    ...{ id: s.id, order_id: o.id, customer_id: o.customerId, order_address_id: o.addressId },
    ...{ date_created: v2Date(s.createdMs), tracking_number: s.trackingNumber, shipping_method: "Flat Rate" },
    ...{
      shipping_provider: s.provider,
      tracking_carrier: s.carrier,
      tracking_link: "",
      comments: s.comments,
    },
    billing_address: billingOf(o),
    shipping_address: o.address ? shippingAddressOf(o) : null,
    items: s.items.map((i) => ({
      order_product_id: i.lineId,
      product_id: o.lines.find((l) => l.id === i.lineId)?.productId ?? 0,
      quantity: i.quantity,
    })),
  };
}

export function refundJson(o: BcOrder, r: StoreRefund): Record<string, unknown> {
  const amount = r.amountCents / 100;
  return {
    ...{ id: r.id, order_id: o.id, user_id: 0, created: v3Date(r.createdMs), reason: r.reason },
    ...{ total_amount: amount, total_tax: 0, uses_merchant_override_values: false },
    payments: [
      {
        ...{ id: r.id, provider_id: "storecredit", amount },
        ...{ offline: false, is_declined: false, declined_message: "" },
      },
    ],
    items: r.lines.map((i) => ({
      ...{ item_type: "PRODUCT", item_id: i.lineId, quantity: i.quantity },
      ...{ requested_amount: null, reason: r.reason },
    })),
  };
}

export function hookJson(storeHash: string, clientId: string, h: StoreSubscription): Record<string, unknown> {
  return {
    ...{ id: h.id, client_id: clientId, store_hash: storeHash, scope: h.topic, destination: h.url },
    ...{ headers: h.headers, is_active: h.status === "active", events_history_enabled: false },
    ...{ created_at: Math.floor(h.createdMs / 1000), updated_at: Math.floor(h.modifiedMs / 1000) },
  };
}
