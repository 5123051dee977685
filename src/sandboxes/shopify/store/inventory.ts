import type { Store } from "./store.ts";
import type { InventoryItem, InventoryLevel, QuantityName, StoredQuantityName } from "./types.ts";

export interface QuantityChange {
  readonly name: QuantityName;
  readonly delta: number;
  readonly quantityAfterChange: number;
  readonly inventoryItemId: number;
  readonly locationId: number;
  readonly ledgerDocumentUri: string | null;
}

/** States that make up `on_hand` besides `available` (incoming is not on hand yet). */
const ON_HAND_PARTS: readonly StoredQuantityName[] = [
  "committed",
  "reserved",
  "damaged",
  "safety_stock",
  "quality_control",
];

export function onHand(level: InventoryLevel): number {
  let total = level.available;
  for (const part of ON_HAND_PARTS) total += level[part];
  return total;
}

export function quantityOf(level: InventoryLevel, name: QuantityName): number {
  return name === "on_hand" ? onHand(level) : level[name];
}

export function isQuantityName(name: string): name is QuantityName {
  return (
    name === "on_hand" ||
    name === "available" ||
    name === "incoming" ||
    (ON_HAND_PARTS as readonly string[]).includes(name)
  );
}

export function levelAt(item: InventoryItem, locationId: number): InventoryLevel | undefined {
  return item.levels.find((level) => level.locationId === locationId);
}

/**
 * Collects the quantity changes of one operation, then stamps times and emits the
 * resulting `inventory_levels/update` and `products/update` events once per level and
 * product. Shopify bumps a product's updated_at whenever its available stock moves, and
 * merchants see products/update fire for it, so the sandbox does the same.
 */
export class InventoryBatch {
  private readonly availableBefore = new Map<InventoryLevel, number>();

  constructor(
    private readonly store: Store,
    private readonly at: number,
  ) {}

  /** Moves `name` by `delta`, with the knock-on change Shopify reports alongside it. */
  change(
    level: InventoryLevel,
    name: QuantityName,
    delta: number,
    ledger: string | null = null,
  ): QuantityChange[] {
    if (!this.availableBefore.has(level)) this.availableBefore.set(level, level.available);
    const record = (changed: QuantityName, by: number): QuantityChange => ({
      name: changed,
      delta: by,
      quantityAfterChange: quantityOf(level, changed),
      inventoryItemId: level.inventoryItemId,
      locationId: level.locationId,
      ledgerDocumentUri: changed === name ? ledger : null,
    });
    if (name === "on_hand" || name === "available") {
      level.available += delta;
      const other: QuantityName = name === "on_hand" ? "available" : "on_hand";
      return [record(name, delta), record(other, delta)];
    }
    level[name] += delta;
    if (name === "incoming") return [record(name, delta)];
    return [record(name, delta), record("on_hand", delta)];
  }

  /** Moves units between two states at one level (e.g. available → committed); on_hand is unchanged. */
  move(level: InventoryLevel, from: StoredQuantityName, to: StoredQuantityName, quantity: number): void {
    if (!this.availableBefore.has(level)) this.availableBefore.set(level, level.available);
    level[from] -= quantity;
    level[to] += quantity;
  }

  finish(): void {
    if (this.availableBefore.size === 0) return;
    const products = new Set<number>();
    for (const [level, before] of this.availableBefore) {
      level.updatedAt = this.at;
      if (level.available === before) continue;
      const item = this.store.inventoryItemsById.get(level.inventoryItemId);
      if (item) {
        const variant = this.store.variantOfItem(item);
        variant.updatedAt = this.at;
        products.add(variant.productId);
      }
      this.store.emit({ topic: "inventory_levels/update", level });
    }
    for (const productId of products) {
      const product = this.store.productsById.get(productId);
      if (!product) continue;
      product.updatedAt = this.at;
      this.store.emit({ topic: "products/update", product });
    }
    this.store.versions.inventory += 1;
    this.store.versions.catalog += 1;
    this.availableBefore.clear();
  }
}

/** Sum of `available` over every location: what Shopify reports as inventoryQuantity. */
export function totalAvailable(item: InventoryItem): number {
  let total = 0;
  for (const level of item.levels) total += level.available;
  return total;
}
