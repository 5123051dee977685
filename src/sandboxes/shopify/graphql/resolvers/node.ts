import { type GidType, idOf, parseGid } from "../../gid.ts";
import { fulfillmentOrderById, fulfillmentOrderLines } from "../../store/fulfillments.ts";
import { imageById } from "../../store/media.ts";
import type { Store } from "../../store/store.ts";

type Lookup = (store: Store, id: number, raw: string) => { kind: string } | undefined;

const LEVEL_ITEM = /[?&]inventory_item_id=(\d+)/;

/** How `node(id:)` finds each Node type from its gid. */
const LOOKUPS: Partial<Record<GidType, Lookup>> = {
  Product: (store, id) => store.productsById.get(id),
  ProductVariant: (store, id) => store.variantsById.get(id),
  MediaImage: (store, id) => imageById(store.productsById, id),
  InventoryItem: (store, id) => store.inventoryItemsById.get(id),
  InventoryLevel: (store, id, raw) => {
    const itemParam = LEVEL_ITEM.exec(raw)?.[1];
    const itemId = itemParam ? idOf(`gid://shopify/InventoryItem/${itemParam}`, "InventoryItem") : null;
    const items = itemId === null ? store.inventoryItems : [store.inventoryItemsById.get(itemId)];
    for (const item of items) {
      const level = item?.levels.find((candidate) => candidate.id === id);
      if (level) return level;
    }
    return undefined;
  },
  Location: (store, id) => store.location(id),
  Order: (store, id) => store.ordersById.get(id),
  LineItem: (store, id) => store.orderOfLineItemId(id)?.lineItems.find((line) => line.id === id),
  Customer: (store, id) => store.customersById.get(id),
  Refund: (store, id) => store.refundsById.get(id),
  Fulfillment: (store, id) => store.fulfillmentsById.get(id),
  FulfillmentOrder: (store, id) => fulfillmentOrderById(store, id),
  FulfillmentOrderLineItem: (store, id) => {
    const order = store.orderOfLineItemId(id);
    const line = order?.lineItems.find((candidate) => candidate.id === id);
    if (!order || !line) return undefined;
    const view = fulfillmentOrderById(store, order.id * 16 + store.locationIndex(line.locationId));
    return view ? fulfillmentOrderLines(view).find((candidate) => candidate.id === id) : undefined;
  },
  BulkOperation: (store, id) => store.bulkOperations.find((operation) => operation.id === id),
  WebhookSubscription: (store, id) =>
    store.webhookSubscriptions.find((subscription) => subscription.id === id),
};

export function findNode(store: Store, raw: string): { kind: string } | null {
  const parsed = parseGid(raw);
  if (!parsed) return null;
  const type = parsed.type as GidType;
  const lookup = LOOKUPS[type];
  const id = lookup ? idOf(raw.split("?")[0] as string, type) : null;
  return lookup && id !== null ? (lookup(store, id, raw) ?? null) : null;
}

/** Records carry their GraphQL type name in `kind`. */
export function resolveKind(value: unknown): string | undefined {
  if (typeof value === "object" && value !== null && "kind" in value && typeof value.kind === "string") {
    return value.kind;
  }
  return undefined;
}
