import { invalidId, invalidParam, WooError } from "./errors.ts";
import { isVariation, type WooProduct, type WooStore, type WooVariation } from "./store.ts";

/** The writable fields a sync touches; anything else in a body is accepted and ignored. */
export interface ItemChanges {
  readonly sku?: unknown;
  readonly regular_price?: unknown;
  readonly manage_stock?: unknown;
  readonly stock_quantity?: unknown;
  readonly global_unique_id?: unknown;
  readonly name?: unknown;
}

function integerOrNull(value: unknown): number | null {
  if (value === null) return null;
  const n = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
  if (typeof n !== "number" || !Number.isInteger(n)) {
    throw invalidParam("stock_quantity", "stock_quantity is not of type integer,null.");
  }
  return n;
}

function bool(name: string, value: unknown): boolean {
  if (typeof value === "boolean") return value;
  if (value === "true" || value === "1") return true;
  if (value === "false" || value === "0") return false;
  throw invalidParam(name, `${name} is not of type boolean.`);
}

function text(name: string, value: unknown): string {
  if (typeof value !== "string") throw invalidParam(name, `${name} is not of type string.`);
  return value;
}

/**
 * Applies `changes` to a product or variation the way WC_Product saves them: a non-empty SKU
 * must be unique ("Invalid or duplicated SKU."), and without `manage_stock` the quantity is
 * cleared, so a `stock_quantity` sent alone to an untracked item is silently dropped.
 */
export function applyItemChanges(
  store: WooStore,
  item: WooProduct | WooVariation,
  changes: ItemChanges,
): void {
  if (changes.sku !== undefined) {
    const sku = text("sku", changes.sku).trim();
    if (sku !== "" && store.findBySku(sku).some((other) => other.id !== item.id)) {
      throw new WooError(400, "product_invalid_sku", "Invalid or duplicated SKU.", {
        resource_id: item.id,
        unique_sku: sku,
      });
    }
    item.sku = sku;
  }
  if (changes.regular_price !== undefined) item.regularPrice = text("regular_price", changes.regular_price);
  if (changes.global_unique_id !== undefined)
    item.globalUniqueId = text("global_unique_id", changes.global_unique_id);
  if (changes.name !== undefined && !isVariation(item)) item.name = text("name", changes.name);
  if (changes.manage_stock !== undefined) item.manageStock = bool("manage_stock", changes.manage_stock);
  if (changes.stock_quantity !== undefined) {
    const quantity = integerOrNull(changes.stock_quantity);
    if (item.manageStock) item.stockQuantity = quantity;
  }
  if (!item.manageStock) item.stockQuantity = null;
  item.modifiedMs = store.nowMs();
  store.emit("product.updated", item.id);
}

export function productById(store: WooStore, id: number, status: 400 | 404): WooProduct {
  const product = store.products.get(id);
  if (!product) throw invalidId("product", status);
  return product;
}

export function variationById(
  store: WooStore,
  productId: number,
  id: number,
  status: 400 | 404,
): WooVariation {
  const variation = store.variations.get(id);
  if (!variation || variation.parentId !== productId) throw invalidId("product_variation", status);
  return variation;
}

/** Adds `delta` to a tracked item's stock, as an order placing or cancelling does. */
export function adjustStock(store: WooStore, item: WooProduct | WooVariation, delta: number): void {
  if (!item.manageStock) return;
  item.stockQuantity = (item.stockQuantity ?? 0) + delta;
  item.modifiedMs = store.nowMs();
}
