import { legacyId } from "../gid.ts";
import { totalAvailable } from "../store/inventory.ts";
import { displayFulfillmentStatus, orderTotals } from "../store/order-math.ts";
import type { Store } from "../store/store.ts";
import type {
  InventoryItem,
  Location,
  Order,
  Product,
  Variant,
  WebhookSubscription,
} from "../store/types.ts";
import type { ListSpec } from "./lists.ts";

const catalogVersion = (store: Store) => store.versions.catalog;

export function productSpec(store: Store): ListSpec<Product> {
  const skus = (product: Product) => product.variantIds.map((id) => store.variantsById.get(id)?.sku ?? "");
  const inventoryTotal = (product: Product) =>
    product.variantIds.reduce((sum, id) => {
      const variant = store.variantsById.get(id);
      return sum + (variant ? totalAvailable(store.itemOfVariant(variant)) : 0);
    }, 0);
  return {
    name: "products",
    source: (s) => s.products,
    version: catalogVersion,
    fields: {
      id: { type: "number", get: (p) => legacyId("Product", p.id) },
      title: { type: "string", get: (p) => p.title },
      handle: { type: "string", get: (p) => p.handle },
      vendor: { type: "string", get: (p) => p.vendor },
      product_type: { type: "string", get: (p) => p.productType },
      status: { type: "string", get: (p) => p.status },
      tag: { type: "string", get: (p) => p.tags },
      sku: { type: "string", get: skus },
      created_at: { type: "date", get: (p) => p.createdAt },
      updated_at: { type: "date", get: (p) => p.updatedAt },
      inventory_total: { type: "number", get: inventoryTotal },
    },
    text: (p) => [p.title, p.vendor, p.productType, ...p.tags],
    sortKeys: {
      ID: (p) => p.id,
      RELEVANCE: (p) => p.id,
      TITLE: (p) => p.title,
      VENDOR: (p) => p.vendor,
      CREATED_AT: (p) => p.createdAt,
      UPDATED_AT: (p) => p.updatedAt,
      INVENTORY_TOTAL: inventoryTotal,
    },
  };
}

export function variantSpec(store: Store): ListSpec<Variant> {
  const quantity = (v: Variant) => totalAvailable(store.itemOfVariant(v));
  return {
    name: "productVariants",
    source: (s) => s.variants,
    version: catalogVersion,
    fields: {
      id: { type: "number", get: (v) => legacyId("ProductVariant", v.id) },
      sku: { type: "string", get: (v) => v.sku },
      barcode: { type: "string", get: (v) => v.barcode },
      title: { type: "string", get: (v) => v.title },
      product_id: { type: "number", get: (v) => legacyId("Product", v.productId) },
      product_status: { type: "string", get: (v) => store.productOfVariant(v).status },
      inventory_quantity: { type: "number", get: quantity },
      created_at: { type: "date", get: (v) => store.productOfVariant(v).createdAt },
      updated_at: { type: "date", get: (v) => v.updatedAt },
    },
    text: (v) => [v.sku, v.title, v.barcode, store.productOfVariant(v).title],
    sortKeys: {
      ID: (v) => v.id,
      RELEVANCE: (v) => v.id,
      SKU: (v) => v.sku,
      TITLE: (v) => v.title,
      POSITION: (v) => v.productId * 1000 + v.position,
      INVENTORY_QUANTITY: quantity,
    },
  };
}

export function inventoryItemSpec(store: Store): ListSpec<InventoryItem> {
  const sku = (item: InventoryItem) => store.variantOfItem(item).sku;
  return {
    name: "inventoryItems",
    source: (s) => s.inventoryItems,
    version: catalogVersion,
    fields: {
      id: { type: "number", get: (i) => legacyId("InventoryItem", i.id) },
      sku: { type: "string", get: sku },
      created_at: { type: "date", get: (i) => store.productOfVariant(store.variantOfItem(i)).createdAt },
      updated_at: { type: "date", get: (i) => i.updatedAt },
    },
    text: (i) => [sku(i)],
    sortKeys: { ID: (i) => i.id },
  };
}

const FULFILLMENT_FILTERS: Readonly<Record<string, readonly string[]>> = {
  shipped: ["FULFILLED"],
  fulfilled: ["FULFILLED"],
  partial: ["PARTIALLY_FULFILLED"],
  unshipped: ["UNFULFILLED"],
  unfulfilled: ["UNFULFILLED", "PARTIALLY_FULFILLED"],
  restocked: ["RESTOCKED"],
};

function orderStatusMatches(order: Order, value: string): boolean {
  switch (value) {
    case "open":
      return order.closedAt === null && order.cancelledAt === null;
    case "closed":
      return order.closedAt !== null;
    case "cancelled":
      return order.cancelledAt !== null;
    case "not_closed":
      return order.closedAt === null;
    default:
      return true;
  }
}

export function orderSpec(store: Store): ListSpec<Order> {
  return {
    name: "orders",
    source: (s) => s.orders,
    version: (s) => s.versions.orders,
    fields: {
      id: { type: "number", get: (o) => legacyId("Order", o.id) },
      name: { type: "string", get: (o) => [o.name, String(o.number)] },
      email: { type: "string", get: (o) => o.email },
      sku: { type: "string", get: (o) => o.lineItems.map((line) => line.sku) },
      tag: { type: "string", get: (o) => o.tags },
      test: { type: "string", get: (o) => String(o.test) },
      created_at: { type: "date", get: (o) => o.createdAt },
      updated_at: { type: "date", get: (o) => o.updatedAt },
      processed_at: { type: "date", get: (o) => o.processedAt },
      status: { type: "custom", test: orderStatusMatches },
      financial_status: {
        type: "custom",
        test: (o, v) => v === "any" || o.financialStatus.toLowerCase() === v,
      },
      fulfillment_status: {
        type: "custom",
        test: (o, v) =>
          v === "any" || (FULFILLMENT_FILTERS[v]?.includes(displayFulfillmentStatus(o)) ?? false),
      },
      customer_id: {
        type: "number",
        get: (o) => (o.customerId === null ? null : legacyId("Customer", o.customerId)),
      },
    },
    text: (o) => {
      const customer = o.customerId === null ? undefined : store.customersById.get(o.customerId);
      return [o.name, o.email ?? "", customer ? `${customer.firstName} ${customer.lastName}` : ""];
    },
    sortKeys: {
      ID: (o) => o.id,
      RELEVANCE: (o) => o.id,
      CREATED_AT: (o) => o.createdAt,
      PROCESSED_AT: (o) => o.processedAt,
      UPDATED_AT: (o) => o.updatedAt,
      ORDER_NUMBER: (o) => o.number,
      TOTAL_PRICE: (o) => orderTotals(o).total,
    },
  };
}

export function locationSpec(): ListSpec<Location> {
  return {
    name: "locations",
    source: (s) => s.locations,
    version: () => 0,
    fields: {
      id: { type: "number", get: (l) => legacyId("Location", l.id) },
      name: { type: "string", get: (l) => l.name },
      active: { type: "string", get: (l) => String(l.isActive) },
    },
    text: (l) => [l.name],
    sortKeys: { ID: (l) => l.id, RELEVANCE: (l) => l.id, NAME: (l) => l.name },
  };
}

export function webhookSpec(): ListSpec<WebhookSubscription> {
  return {
    name: "webhookSubscriptions",
    source: (s) => s.webhookSubscriptions,
    version: (s) => s.webhookSubscriptions.length,
    fields: {},
    text: (w) => [w.uri],
    sortKeys: { ID: (w) => w.id, CREATED_AT: (w) => w.createdAt },
  };
}
