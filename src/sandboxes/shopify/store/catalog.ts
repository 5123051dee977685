import type { Store } from "./store.ts";
import type { InventoryItem, Product, SelectedOption, Variant } from "./types.ts";

/** Variant titles are the option values joined by " / ", so options are derived, not stored. */
export function selectedOptionsOf(product: Product, variant: Variant): SelectedOption[] {
  const values = variant.title.split(" / ");
  return product.options.map((option, index) => ({ name: option.name, value: values[index] ?? "" }));
}

export function variantCreatedAt(store: Store, variant: Variant): number {
  return store.productOfVariant(variant).createdAt;
}

export function itemCreatedAt(store: Store, item: InventoryItem): number {
  return variantCreatedAt(store, store.variantOfItem(item));
}
