import { InventoryBatch, levelAt } from "./inventory.ts";
import { type DomainResult, domainError, fail, ok } from "./result.ts";
import type { Store } from "./store.ts";
import type { InventoryItem, InventoryLevel } from "./types.ts";

export interface ActivateRequest {
  readonly itemId: number | null;
  readonly locationId: number | null;
  readonly available: number | null;
  readonly onHand: number | null;
  readonly at: number;
}

/**
 * Stocks an item at a location (inventoryActivate). Activating where it is already stocked
 * changes nothing and returns the level, as Shopify does; `available` then is refused.
 */
export function activateInventory(store: Store, request: ActivateRequest): DomainResult<InventoryLevel> {
  const item = request.itemId === null ? undefined : store.inventoryItemsById.get(request.itemId);
  if (!item) return fail([domainError("NOT_FOUND", "Inventory item does not exist.", ["inventoryItemId"])]);
  const location = request.locationId === null ? undefined : store.location(request.locationId);
  if (!location) return fail([domainError("NOT_FOUND", "Location does not exist.", ["locationId"])]);
  if (request.available !== null && request.onHand !== null)
    return fail([domainError("INVALID", "Only one of available or onHand may be given.", ["available"])]);
  const existing = levelAt(item, location.id);
  if (existing) {
    if (request.available !== null || request.onHand !== null)
      return fail([
        domainError(
          "INVALID",
          "Quantities can only be set when the item is not yet stocked at the location.",
          ["available"],
        ),
      ]);
    return ok(existing);
  }
  const level: InventoryLevel = {
    kind: "InventoryLevel",
    id: store.nextId("InventoryLevel"),
    inventoryItemId: item.id,
    locationId: location.id,
    available: 0,
    committed: 0,
    reserved: 0,
    damaged: 0,
    safety_stock: 0,
    quality_control: 0,
    incoming: 0,
    updatedAt: request.at,
  };
  const index = store.locationIndex(location.id);
  const after = item.levels.findIndex((other) => store.locationIndex(other.locationId) > index);
  item.levels.splice(after < 0 ? item.levels.length : after, 0, level);
  const quantity = request.available ?? request.onHand ?? 0;
  const batch = new InventoryBatch(store, request.at);
  if (quantity !== 0) batch.change(level, "available", quantity);
  batch.finish();
  store.versions.inventory += 1;
  return ok(level);
}

export interface ItemUpdate {
  readonly sku?: string | null;
  readonly tracked?: boolean | null;
}

/** inventoryItemUpdate: the SKU (shared with the variant) and whether Shopify tracks the item's stock. */
export function updateInventoryItem(
  store: Store,
  id: number | null,
  input: ItemUpdate,
  at: number,
): DomainResult<InventoryItem> {
  const item = id === null ? undefined : store.inventoryItemsById.get(id);
  if (!item) return fail([domainError("NOT_FOUND", "Inventory item does not exist.", ["id"])]);
  const variant = store.variantOfItem(item);
  if (input.sku !== undefined && input.sku !== null && input.sku !== variant.sku) {
    if (store.variantsBySku.get(variant.sku) === variant) store.variantsBySku.delete(variant.sku);
    variant.sku = input.sku;
    if (input.sku !== "") store.variantsBySku.set(input.sku, variant);
    variant.updatedAt = at;
  }
  if (input.tracked !== undefined && input.tracked !== null) item.tracked = input.tracked;
  item.updatedAt = at;
  const product = store.productOfVariant(variant);
  product.updatedAt = at;
  store.versions.catalog += 1;
  store.versions.inventory += 1;
  store.emit({ topic: "products/update", product });
  return ok(item);
}
