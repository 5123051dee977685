import type { ShopifySandbox } from "../src/sandboxes/shopify/index.ts";

/** Calls `onChange` with every `available` quantity the store sets, the moment it sets it. */
export function observeAvailable(
  sandbox: ShopifySandbox,
  onChange: (sku: string, available: number, at: number) => void,
): () => void {
  const store = sandbox.store;
  const previous = store.listener;
  store.listener = (event) => {
    if (event.topic === "inventory_levels/update") {
      const item = store.inventoryItemsById.get(event.level.inventoryItemId);
      const variant = item ? store.variantsById.get(item.variantId) : undefined;
      if (variant) onChange(variant.sku, event.level.available, performance.now());
    }
    previous?.(event);
  };
  return () => {
    store.listener = previous;
  };
}
