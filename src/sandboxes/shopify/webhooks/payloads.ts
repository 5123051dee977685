import { moneyString, restDateTime } from "../format.ts";
import { gid, inventoryLevelGid, legacyId } from "../gid.ts";
import { totalAvailable } from "../store/inventory.ts";
import { imagesOf, restImageId } from "../store/media.ts";
import { displayFulfillmentStatus, orderTotals } from "../store/order-math.ts";
import type { Store, StoreEvent } from "../store/store.ts";
import type { BulkOperation, InventoryLevel, Order, Product, ProductImage } from "../store/types.ts";
import { moneySet, restAddress, restCustomer, restLineItem, restRefund } from "./rest-shapes.ts";

const FULFILLMENT_STATUS = {
  FULFILLED: "fulfilled",
  PARTIALLY_FULFILLED: "partial",
  RESTOCKED: "restocked",
} as const;

/** The REST order resource, as Shopify sends it in orders/* webhooks. */
export function restOrder(store: Store, order: Order) {
  const totals = orderTotals(order);
  const { currency } = order;
  const status = displayFulfillmentStatus(order);
  const customer = order.customerId === null ? undefined : store.customersById.get(order.customerId);
  return {
    id: legacyId("Order", order.id),
    admin_graphql_api_id: gid("Order", order.id),
    buyer_accepts_marketing: false,
    cancel_reason: order.cancelReason?.toLowerCase() ?? null,
    cancelled_at: order.cancelledAt === null ? null : restDateTime(order.cancelledAt),
    closed_at: order.closedAt === null ? null : restDateTime(order.closedAt),
    confirmed: true,
    contact_email: order.email,
    created_at: restDateTime(order.createdAt),
    currency,
    current_subtotal_price: moneyString(totals.subtotal),
    current_total_price: moneyString(Math.max(0, totals.total - totals.refunded)),
    current_total_tax: moneyString(totals.tax),
    email: order.email,
    financial_status: order.financialStatus.toLowerCase(),
    fulfillment_status: status === "UNFULFILLED" ? null : FULFILLMENT_STATUS[status],
    gateway: order.gateway,
    location_id: null,
    name: order.name,
    note: order.note,
    note_attributes: [],
    number: order.number - 1000,
    order_number: order.number,
    payment_gateway_names: [order.gateway],
    phone: order.shippingAddress?.phone ?? null,
    presentment_currency: currency,
    processed_at: restDateTime(order.processedAt),
    source_name: "web",
    subtotal_price: moneyString(totals.subtotal),
    subtotal_price_set: moneySet(totals.subtotal, currency),
    tags: order.tags.join(", "),
    taxes_included: false,
    test: order.test,
    token: order.id.toString(16).padStart(32, "0"),
    total_discounts: moneyString(totals.discounts),
    total_discounts_set: moneySet(totals.discounts, currency),
    total_line_items_price: moneyString(totals.lineItems),
    total_line_items_price_set: moneySet(totals.lineItems, currency),
    total_price: moneyString(totals.total),
    total_price_set: moneySet(totals.total, currency),
    total_tax: moneyString(totals.tax),
    total_tax_set: moneySet(totals.tax, currency),
    total_weight: order.lineItems.reduce((sum, line) => sum + line.grams * line.quantity, 0),
    updated_at: restDateTime(order.updatedAt),
    user_id: null,
    discount_codes: order.discountCode
      ? [{ code: order.discountCode, amount: moneyString(totals.discounts), type: "percentage" }]
      : [],
    tax_lines:
      totals.tax > 0
        ? [
            {
              price: moneyString(totals.tax),
              rate: order.taxRate,
              title: "Tax",
              price_set: moneySet(totals.tax, currency),
            },
          ]
        : [],
    shipping_lines: [
      {
        code: order.shippingCents === 0 ? "Free Shipping" : "Standard",
        price: moneyString(order.shippingCents),
        price_set: moneySet(order.shippingCents, currency),
        source: "shopify",
        title: order.shippingCents === 0 ? "Free Shipping" : "Standard",
      },
    ],
    billing_address: restAddress(order.billingAddress),
    shipping_address: restAddress(order.shippingAddress),
    customer: restCustomer(customer, currency),
    line_items: order.lineItems.map((line) => restLineItem(line, currency)),
    fulfillments: order.fulfillments.map((fulfillment) => ({
      id: legacyId("Fulfillment", fulfillment.id),
      admin_graphql_api_id: gid("Fulfillment", fulfillment.id),
      created_at: restDateTime(fulfillment.createdAt),
      location_id: legacyId("Location", fulfillment.locationId),
      name: fulfillment.name,
      order_id: legacyId("Order", order.id),
      service: "manual",
      shipment_status: null,
      status: fulfillment.status.toLowerCase(),
      tracking_company: fulfillment.trackingInfo[0]?.company ?? null,
      tracking_number: fulfillment.trackingInfo[0]?.number ?? null,
      tracking_numbers: fulfillment.trackingInfo.flatMap((info) => (info.number ? [info.number] : [])),
      tracking_url: fulfillment.trackingInfo[0]?.url ?? null,
      tracking_urls: fulfillment.trackingInfo.flatMap((info) => (info.url ? [info.url] : [])),
      updated_at: restDateTime(fulfillment.updatedAt),
      line_items: fulfillment.lines.flatMap((shipped) => {
        const line = order.lineItems.find((candidate) => candidate.id === shipped.lineItemId);
        return line ? [restLineItem(line, currency, shipped.quantity)] : [];
      }),
    })),
    refunds: order.refunds.map((refund) => restRefund(store, refund)),
  };
}

export function restProduct(store: Store, product: Product) {
  return {
    id: legacyId("Product", product.id),
    admin_graphql_api_id: gid("Product", product.id),
    title: product.title,
    body_html: null,
    vendor: product.vendor,
    product_type: product.productType,
    handle: product.handle,
    created_at: restDateTime(product.createdAt),
    updated_at: restDateTime(product.updatedAt),
    published_at: product.status === "ACTIVE" ? restDateTime(product.createdAt) : null,
    template_suffix: null,
    published_scope: "global",
    status: product.status.toLowerCase(),
    tags: product.tags.join(", "),
    variants: product.variantIds.map((id) => {
      const variant = store.variantsById.get(id);
      if (!variant) return null;
      const options = variant.title.split(" / ");
      const item = store.itemOfVariant(variant);
      const quantity = totalAvailable(item);
      return {
        id: legacyId("ProductVariant", variant.id),
        admin_graphql_api_id: gid("ProductVariant", variant.id),
        product_id: legacyId("Product", product.id),
        title: variant.title,
        price: moneyString(variant.priceCents),
        compare_at_price:
          variant.compareAtPriceCents === null ? null : moneyString(variant.compareAtPriceCents),
        sku: variant.sku,
        barcode: variant.barcode,
        position: variant.position,
        inventory_policy: "deny",
        inventory_management: item.tracked ? "shopify" : null,
        option1: options[0] ?? null,
        option2: options[1] ?? null,
        option3: options[2] ?? null,
        taxable: true,
        created_at: restDateTime(product.createdAt),
        updated_at: restDateTime(variant.updatedAt),
        inventory_item_id: legacyId("InventoryItem", variant.inventoryItemId),
        inventory_quantity: quantity,
        old_inventory_quantity: quantity,
      };
    }),
    options: product.options.map((option, index) => ({
      id: legacyId("ProductOption", product.id * 4 + index + 1),
      product_id: legacyId("Product", product.id),
      name: option.name,
      position: index + 1,
      values: option.values,
    })),
    images: imagesOf(product).map((image) => restImage(product, image)),
    image: (() => {
      const first = imagesOf(product)[0];
      return first ? restImage(product, first) : null;
    })(),
  };
}

/** A product image as the REST Admin API (and products/update) shows it. */
function restImage(product: Product, image: ProductImage) {
  return {
    id: restImageId(image),
    alt: image.altText,
    position: image.position,
    product_id: legacyId("Product", product.id),
    created_at: restDateTime(image.createdAt),
    updated_at: restDateTime(image.createdAt),
    admin_graphql_api_id: gid("ProductImage", image.id),
    width: image.width,
    height: image.height,
    src: image.url,
    variant_ids: [],
  };
}

export function restInventoryLevel(level: InventoryLevel) {
  return {
    inventory_item_id: legacyId("InventoryItem", level.inventoryItemId),
    location_id: legacyId("Location", level.locationId),
    available: level.available,
    updated_at: restDateTime(level.updatedAt),
    admin_graphql_api_id: inventoryLevelGid(level.id, level.inventoryItemId),
  };
}

export function restBulkFinish(operation: BulkOperation) {
  return {
    admin_graphql_api_id: gid("BulkOperation", operation.id),
    completed_at: operation.completedAt === null ? null : restDateTime(operation.completedAt),
    created_at: restDateTime(operation.createdAt),
    error_code: operation.errorCode?.toLowerCase() ?? null,
    status: operation.status.toLowerCase(),
    type: operation.type.toLowerCase(),
  };
}

/** The REST shop resource, which app/uninstalled carries. */
export function restShop(store: Store) {
  return {
    id: legacyId("Shop", 1),
    name: store.shop.name,
    email: `owner@${store.shop.domain}`,
    domain: store.shop.domain,
    myshopify_domain: store.shop.domain,
    currency: store.shop.currency,
    iana_timezone: "Etc/UTC",
    plan_name: store.shop.planName,
  };
}

/** The webhook body for a store event. */
export function payloadFor(store: Store, event: StoreEvent): unknown {
  switch (event.topic) {
    case "refunds/create":
      return restRefund(store, event.refund);
    case "products/update":
      return restProduct(store, event.product);
    case "inventory_levels/update":
      return restInventoryLevel(event.level);
    case "bulk_operations/finish":
      return restBulkFinish(event.operation);
    case "app/uninstalled":
      return restShop(store);
    default:
      return restOrder(store, event.order);
  }
}
