import type {
  BcHook,
  BcLocation,
  BcOrder,
  BcOrderProduct,
  BcProduct,
  BcRefund,
  BcShipment,
  BcStore,
  BcVariant,
} from "./store.ts";

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

export function variantJson(store: BcStore, v: BcVariant): Record<string, unknown> {
  const product = store.productOf(v);
  const level = product.tracking === "none" ? 0 : store.level(v);
  return {
    id: v.id,
    product_id: v.productId,
    sku: v.sku,
    sku_id: v.skuId,
    price: v.price,
    calculated_price: v.price,
    sale_price: null,
    inventory_level: level,
    inventory_warning_level: 0,
    upc: v.upc,
    gtin: v.upc,
    mpn: "",
    purchasing_disabled: false,
    option_values: v.optionValues.map((o) => ({
      id: o.id,
      label: o.label,
      option_id: o.optionId,
      option_display_name: o.optionDisplayName,
    })),
  };
}

export function productJson(store: BcStore, p: BcProduct, withVariants: boolean): Record<string, unknown> {
  const variants = p.variantIds.map((id) => store.variants.get(id) as BcVariant);
  const level = p.tracking === "none" ? 0 : variants.reduce((sum, v) => sum + store.level(v), 0);
  return {
    id: p.id,
    name: p.name,
    type: p.type,
    sku: p.sku,
    price: p.price,
    calculated_price: p.price,
    inventory_level: level,
    inventory_warning_level: 0,
    inventory_tracking: p.tracking,
    is_visible: true,
    availability: "available",
    upc: p.hasOptions ? "" : (variants[0]?.upc ?? ""),
    base_variant_id: p.hasOptions ? null : (variants[0]?.id ?? null),
    date_created: v3Date(p.createdMs),
    date_modified: v3Date(p.modifiedMs),
    custom_fields: p.bundleOf.length ? [{ id: p.id, name: "bundle_of", value: p.bundleOf.join(",") }] : [],
    ...(withVariants ? { variants: variants.map((v) => variantJson(store, v)) } : {}),
  };
}

export function locationJson(l: BcLocation): Record<string, unknown> {
  return {
    id: l.id,
    code: l.code,
    label: l.label,
    description: "",
    managed_by_external_source: false,
    type_id: "PHYSICAL",
    enabled: l.enabled,
    operating_hours: {},
    time_zone: "Etc/UTC",
    address: null,
    storefront_visibility: true,
  };
}

/** One `/v3/inventory/items` entry: the item's identity and its stock at each requested location. */
export function inventoryItemJson(v: BcVariant, locations: readonly BcLocation[]) {
  return {
    identity: { sku: v.sku, variant_id: v.id, product_id: v.productId, sku_id: v.skuId },
    locations: locations.map((l) => {
      const onHand = v.stock.get(l.id) ?? 0;
      return {
        location_id: l.id,
        location_code: l.code,
        location_name: l.label,
        available_to_sell: onHand,
        total_inventory_onhand: onHand,
        location_enabled: l.enabled,
        settings: { safety_stock: 0, is_in_stock: onHand > 0, warning_level: 0, bin_picking_number: "" },
      };
    }),
  };
}

export function orderTotal(o: BcOrder): number {
  return o.products.reduce((sum, l) => sum + l.price * l.quantity, 0) + o.shippingCost;
}

export function orderJson(baseUrl: string, o: BcOrder): Record<string, unknown> {
  const subtotal = o.products.reduce((sum, l) => sum + l.price * l.quantity, 0);
  const total = orderTotal(o);
  const refunded = o.refunds.reduce((sum, r) => sum + r.amount, 0);
  const resource = (name: string) => ({
    url: `${baseUrl}/v2/orders/${o.id}/${name}`,
    resource: `/orders/${o.id}/${name}`,
  });
  return {
    id: o.id,
    customer_id: o.customerId,
    date_created: v2Date(o.createdMs),
    date_modified: v2Date(o.modifiedMs),
    date_shipped: o.shippedMs === null ? "" : v2Date(o.shippedMs),
    status_id: o.statusId,
    status: STATUS_NAMES[o.statusId],
    subtotal_ex_tax: money4(subtotal),
    subtotal_inc_tax: money4(subtotal),
    subtotal_tax: money4(0),
    base_shipping_cost: money4(o.shippingCost),
    shipping_cost_ex_tax: money4(o.shippingCost),
    shipping_cost_inc_tax: money4(o.shippingCost),
    total_ex_tax: money4(total),
    total_inc_tax: money4(total),
    total_tax: money4(0),
    items_total: o.products.reduce((sum, l) => sum + l.quantity, 0),
    items_shipped: o.products.reduce((sum, l) => sum + l.quantityShipped, 0),
    payment_method: o.customerId === 0 && o.billing.email === "" ? "Manual" : "Credit Card",
    payment_status: refunded > 0 ? (refunded >= total ? "refunded" : "partially refunded") : "captured",
    refunded_amount: money4(refunded),
    currency_code: "USD",
    default_currency_code: "USD",
    currency_exchange_rate: "1.0000000000",
    is_deleted: false,
    order_source: "www",
    channel_id: 1,
    external_source: null,
    customer_message: "",
    billing_address: o.billing,
    products: resource("products"),
    shipping_addresses: resource("shipping_addresses"),
    coupons: resource("coupons"),
  };
}

export function orderProductJson(o: BcOrder, l: BcOrderProduct): Record<string, unknown> {
  return {
    id: l.id,
    order_id: o.id,
    product_id: l.productId,
    variant_id: l.variantId,
    order_address_id: l.orderAddressId,
    name: l.name,
    sku: l.sku,
    type: "physical",
    base_price: money4(l.price),
    price_ex_tax: money4(l.price),
    price_inc_tax: money4(l.price),
    total_ex_tax: money4(l.price * l.quantity),
    total_inc_tax: money4(l.price * l.quantity),
    quantity: l.quantity,
    quantity_shipped: l.quantityShipped,
    quantity_refunded: l.quantityRefunded,
    refund_amount: money4(0),
    product_options: [],
  };
}

export function shippingAddressJson(o: BcOrder, a: BcOrder["shippingAddresses"][number]) {
  const lines = o.products.filter((l) => l.orderAddressId === a.id);
  const { id, ...address } = a;
  return {
    id,
    order_id: o.id,
    ...address,
    items_total: lines.reduce((sum, l) => sum + l.quantity, 0),
    items_shipped: lines.reduce((sum, l) => sum + l.quantityShipped, 0),
    shipping_method: "Flat Rate",
    base_cost: money4(o.shippingCost),
    cost_ex_tax: money4(o.shippingCost),
    cost_inc_tax: money4(o.shippingCost),
  };
}

export function shipmentJson(o: BcOrder, s: BcShipment): Record<string, unknown> {
  const address = o.shippingAddresses.find((a) => a.id === s.orderAddressId);
  return {
    id: s.id,
    order_id: o.id,
    customer_id: o.customerId,
    order_address_id: s.orderAddressId,
    date_created: v2Date(s.createdMs),
    tracking_number: s.trackingNumber,
    shipping_method: "Flat Rate",
    shipping_provider: s.shippingProvider,
    tracking_carrier: s.trackingCarrier,
    tracking_link: "",
    comments: s.comments,
    billing_address: o.billing,
    shipping_address: address ?? null,
    items: s.items.map((i) => ({
      order_product_id: i.orderProductId,
      product_id: o.products.find((l) => l.id === i.orderProductId)?.productId ?? 0,
      quantity: i.quantity,
    })),
  };
}

export function refundJson(o: BcOrder, r: BcRefund): Record<string, unknown> {
  return {
    id: r.id,
    order_id: o.id,
    user_id: 0,
    created: v3Date(r.createdMs),
    reason: r.reason,
    total_amount: r.amount,
    total_tax: 0,
    uses_merchant_override_values: false,
    payments: [
      {
        id: r.id,
        provider_id: "storecredit",
        amount: r.amount,
        offline: false,
        is_declined: false,
        declined_message: "",
      },
    ],
    items: r.items.map((i) => ({
      item_type: "PRODUCT",
      item_id: i.orderProductId,
      quantity: i.quantity,
      requested_amount: null,
      reason: r.reason,
    })),
  };
}

export function hookJson(storeHash: string, clientId: string, h: BcHook): Record<string, unknown> {
  return {
    id: h.id,
    client_id: clientId,
    store_hash: storeHash,
    scope: h.scope,
    destination: h.destination,
    headers: h.headers,
    is_active: h.isActive,
    events_history_enabled: false,
    created_at: Math.floor(h.createdMs / 1000),
    updated_at: Math.floor(h.updatedMs / 1000),
  };
}
