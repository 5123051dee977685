import type { StoreItem } from "../kit/store/records.ts";
import { BcV3Error } from "./errors.ts";
import { type BcStore, trackingOf } from "./store.ts";

type BcVariant = StoreItem;

/** "Limit of 2000 items for payload length" (inventory.v3.yml, absolute and relative adjustments). */
export const MAX_ADJUSTMENT_ITEMS = 2000;
/** "The total inventory for a product cannot exceed 2,147,483,647 at a single location." */
const MAX_LEVEL = 2_147_483_647;

interface AdjustmentItem {
  readonly location_id?: unknown;
  readonly variant_id?: unknown;
  readonly product_id?: unknown;
  readonly sku?: unknown;
  readonly quantity?: unknown;
}

export interface ResolvedAdjustment {
  readonly variants: readonly BcVariant[];
  readonly locationId: number;
  readonly quantity: number;
}

const int = (value: unknown): value is number => typeof value === "number" && Number.isInteger(value);

function identityOf(item: AdjustmentItem): string {
  if (item.variant_id !== undefined) return `variant_id ${String(item.variant_id)}`;
  if (item.product_id !== undefined) return `product_id ${String(item.product_id)}`;
  return `sku ${String(item.sku)}`;
}

/**
 * Validates an absolute adjustment payload as a whole; any bad item refuses the payload (422)
 * and nothing is applied. Which item errors BigCommerce reports together, and that an unknown
 * item refuses the whole payload, are guesses (see README); the tracking-mode error is the
 * docs' own example.
 */
export function resolveAbsoluteAdjustment(store: BcStore, body: unknown): ResolvedAdjustment[] {
  const items = (body as { items?: unknown } | null)?.items;
  if (!Array.isArray(items) || items.length === 0) {
    throw new BcV3Error(422, "Payload contains invalid fields", {
      items: "items is required and may not be empty",
    });
  }
  if (items.length > MAX_ADJUSTMENT_ITEMS) {
    throw new BcV3Error(422, "Payload contains invalid fields", {
      items: `items may contain at most ${MAX_ADJUSTMENT_ITEMS} entries, ${items.length} given`,
    });
  }
  const invalid: Record<string, string> = {};
  const unknown: string[] = [];
  const wrongMode: string[] = [];
  const resolved: ResolvedAdjustment[] = [];
  items.forEach((raw: AdjustmentItem, i) => {
    const ids = ["variant_id", "product_id", "sku"].filter(
      (k) => raw?.[k as keyof AdjustmentItem] !== undefined,
    );
    if (!int(raw?.location_id))
      invalid[`items.${i}.location_id`] = "location_id is required and must be an integer";
    if (!int(raw?.quantity) || raw.quantity < 0 || raw.quantity > MAX_LEVEL)
      invalid[`items.${i}.quantity`] = `quantity must be an integer between 0 and ${MAX_LEVEL}`;
    if (ids.length !== 1)
      invalid[`items.${i}`] = "exactly one of variant_id, product_id or sku identifies the item";
    if (Object.keys(invalid).length > 0) return;
    if (!store.locations.has(raw.location_id as number)) {
      invalid[`items.${i}.location_id`] = `location ${String(raw.location_id)} does not exist`;
      return;
    }
    const variants = findItem(store, raw);
    if (variants.length === 0) {
      unknown.push(identityOf(raw));
      return;
    }
    const tracking = trackingOf(store, store.productOf(variants[0] as BcVariant));
    if (tracking === "product" && raw.variant_id !== undefined)
      wrongMode.push(`Item with ${identityOf(raw)} is tracked by product, please update stock by product id`);
    else if (tracking === "variant" && raw.product_id !== undefined)
      wrongMode.push(
        `Item with ${identityOf(raw)} is tracked by variant, please update stock by variant id or sku`,
      );
    else if (tracking === "none")
      wrongMode.push(`Item with ${identityOf(raw)} has inventory tracking disabled`);
    else resolved.push({ variants, locationId: raw.location_id as number, quantity: raw.quantity as number });
  });
  if (Object.keys(invalid).length > 0) throw new BcV3Error(422, "Payload contains invalid fields", invalid);
  if (unknown.length > 0)
    throw new BcV3Error(422, `Items with identity: [${unknown.join(", ")}] were not found`);
  if (wrongMode.length > 0) throw new BcV3Error(422, `[${wrongMode.join(", ")}]`);
  return resolved;
}

/** The variants an adjustment item names: by variant id, by product (its base variant) or every variant with the SKU. */
function findItem(store: BcStore, item: AdjustmentItem): BcVariant[] {
  if (item.variant_id !== undefined) {
    const v = store.items.get(Number(item.variant_id));
    return v ? [v] : [];
  }
  if (item.product_id !== undefined) {
    const product = store.products.get(Number(item.product_id));
    // A product tracked by variant is found, then refused for its tracking mode.
    return product ? store.itemsOf(product).slice(0, product.hasOptions ? undefined : 1) : [];
  }
  return typeof item.sku === "string" ? store.itemsBySku(item.sku) : [];
}
