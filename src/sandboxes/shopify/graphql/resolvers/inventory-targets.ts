import { idOf } from "../../gid.ts";
import { levelAt } from "../../store/inventory.ts";
import type { Store } from "../../store/store.ts";
import type { InventoryLevel } from "../../store/types.ts";

export interface UserErrorValue {
  readonly field: string[] | null;
  readonly message: string;
  readonly code: string | null;
}

/** Reasons Shopify accepts for inventory changes. */
export const INVENTORY_REASONS: ReadonlySet<string> = new Set([
  "correction",
  "cycle_count_available",
  "damaged",
  "movement_canceled",
  "movement_created",
  "movement_received",
  "movement_updated",
  "other",
  "promotion",
  "quality_control",
  "received",
  "reservation_created",
  "reservation_deleted",
  "reservation_updated",
  "restock",
  "safety_stock",
  "shrinkage",
]);

export const QUANTITY_LIMIT = 1_000_000_000;

/** Finds the level an input row addresses, or says (Shopify-style) why it can't. */
export function targetLevel(
  store: Store,
  row: { inventoryItemId: string; locationId: string },
  field: string[],
): { level: InventoryLevel } | { error: UserErrorValue } {
  const itemId = idOf(row.inventoryItemId, "InventoryItem");
  const item = itemId === null ? undefined : store.inventoryItemsById.get(itemId);
  if (!item) {
    return {
      error: {
        field: [...field, "inventoryItemId"],
        message: "The specified inventory item could not be found.",
        code: "INVALID_INVENTORY_ITEM",
      },
    };
  }
  const locationId = idOf(row.locationId, "Location");
  if (locationId === null || !store.location(locationId)) {
    return {
      error: {
        field: [...field, "locationId"],
        message: "The specified location could not be found.",
        code: "INVALID_LOCATION",
      },
    };
  }
  if (!item.tracked) {
    return {
      error: {
        field: [...field, "inventoryItemId"],
        message: "The specified inventory item is not tracked.",
        code: "NON_MUTABLE_INVENTORY_ITEM",
      },
    };
  }
  const level = levelAt(item, locationId);
  if (!level) {
    return {
      error: {
        field: [...field, "locationId"],
        message: "The specified inventory item is not stocked at the location.",
        code: "ITEM_NOT_STOCKED_AT_LOCATION",
      },
    };
  }
  return { level };
}

/** From 2026-04 every row must carry changeFromQuantity, explicitly null to opt out of the check. */
export function compareAndSetError(
  row: { changeFromQuantity?: number | null },
  current: number,
  field: string[],
): UserErrorValue | null {
  if (!("changeFromQuantity" in row) || row.changeFromQuantity === undefined) {
    return {
      field: [...field, "changeFromQuantity"],
      message: "changeFromQuantity is required; pass null to skip the compare-and-set check.",
      code: "CHANGE_FROM_QUANTITY_REQUIRED",
    };
  }
  if (row.changeFromQuantity !== null && row.changeFromQuantity !== current) {
    return {
      field: [...field, "changeFromQuantity"],
      message: `The changeFromQuantity (${row.changeFromQuantity}) does not match the current quantity (${current}).`,
      code: "CHANGE_FROM_QUANTITY_STALE",
    };
  }
  return null;
}

export function quantityBoundsError(quantity: number, field: string[]): UserErrorValue | null {
  if (quantity > QUANTITY_LIMIT) {
    return {
      field,
      message: "The quantity can't be higher than 1,000,000,000.",
      code: "INVALID_QUANTITY_TOO_HIGH",
    };
  }
  if (quantity < -QUANTITY_LIMIT) {
    return {
      field,
      message: "The quantity can't be lower than -1,000,000,000.",
      code: "INVALID_QUANTITY_TOO_LOW",
    };
  }
  return null;
}
