export type GidType =
  | "Shop"
  | "Product"
  | "ProductOption"
  | "MediaImage"
  | "ProductImage"
  | "ProductVariant"
  | "InventoryItem"
  | "InventoryLevel"
  | "InventoryAdjustmentGroup"
  | "Location"
  | "Order"
  | "LineItem"
  | "Customer"
  | "MailingAddress"
  | "Refund"
  | "RefundLineItem"
  | "OrderTransaction"
  | "Fulfillment"
  | "FulfillmentLineItem"
  | "FulfillmentOrder"
  | "FulfillmentOrderLineItem"
  | "BulkOperation"
  | "WebhookSubscription";

/**
 * Records use small sequential ids (V8 keeps them unboxed, which halves the memory of a
 * 100k-product store); ids leave the sandbox shifted into ranges shaped like real
 * Shopify ids, so clients still meet 13–14 digit numbers that overflow 32 bits.
 */
const ID_OFFSETS: Readonly<Record<GidType, number>> = {
  Shop: 60_000_000_000,
  Product: 8_000_000_000_000,
  ProductOption: 10_000_000_000_000,
  MediaImage: 24_000_000_000_000,
  ProductImage: 40_000_000_000_000,
  ProductVariant: 44_000_000_000_000,
  InventoryItem: 46_000_000_000_000,
  InventoryLevel: 100_000_000_000,
  InventoryAdjustmentGroup: 30_000_000_000,
  Location: 64_000_000_000,
  Order: 5_600_000_000_000,
  LineItem: 14_000_000_000_000,
  Customer: 7_000_000_000_000,
  MailingAddress: 9_000_000_000_000,
  Refund: 900_000_000_000,
  RefundLineItem: 500_000_000_000,
  OrderTransaction: 6_000_000_000_000,
  Fulfillment: 5_000_000_000_000,
  FulfillmentLineItem: 11_000_000_000_000,
  FulfillmentOrder: 6_500_000_000_000,
  FulfillmentOrderLineItem: 15_000_000_000_000,
  BulkOperation: 3_000_000_000,
  WebhookSubscription: 1_200_000_000,
};

/** The number Shopify shows for a record: REST `id`, `legacyResourceId`, the tail of a gid. */
export function legacyId(type: GidType, id: number): number {
  return id + ID_OFFSETS[type];
}

export function gid(type: GidType, id: number): string {
  return `gid://shopify/${type}/${legacyId(type, id)}`;
}

/** Shopify's inventory level ids carry the item id as a query parameter. */
export function inventoryLevelGid(levelId: number, inventoryItemId: number): string {
  return `${gid("InventoryLevel", levelId)}?inventory_item_id=${legacyId("InventoryItem", inventoryItemId)}`;
}

function internalId(type: GidType, legacy: number): number | null {
  const id = legacy - ID_OFFSETS[type];
  return Number.isSafeInteger(id) && id > 0 ? id : null;
}

/** `id` here is the number as written in the gid (the legacy id). */
export interface ParsedGid {
  type: string;
  id: number;
}

const GID_PATTERN = /^gid:\/\/shopify\/([A-Za-z]+)\/(\d+)(\?.*)?$/;

export function parseGid(value: string): ParsedGid | null {
  const match = GID_PATTERN.exec(value);
  if (!match) return null;
  return { type: match[1] as string, id: Number(match[2]) };
}

/** Returns the record id when `value` is a gid of `type`, otherwise null. */
export function idOf(value: string, type: GidType): number | null {
  const parsed = parseGid(value);
  return parsed && parsed.type === type ? internalId(type, parsed.id) : null;
}

/** Accepts a gid of `type` or its legacy numeric id, as number or string (control API convenience). */
export function looseIdOf(value: string | number, type: GidType): number | null {
  if (typeof value === "number") return internalId(type, value);
  if (/^\d+$/.test(value)) return internalId(type, Number(value));
  return idOf(value, type);
}
