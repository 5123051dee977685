import type { ChannelProduct } from "../contract.ts";
import { exactMinorUnits } from "../kit/money.ts";
import { blankToNull as present } from "../kit/text.ts";
import type { BcProduct, BcVariant } from "./schemas.ts";

/**
 * Where a variant's stock lives for the Inventory API: a product tracked by product keeps it on
 * the product (adjust by `product_id`), one tracked by variant on each variant (`variant_id`),
 * and `inventory_tracking: "none"` nowhere — such variants are listed but not stock-tracked.
 */
/** "12.5000" USD → 1250: v2 money carries four places whatever the currency (kit: exact, never rounded). */
export const toMinor = exactMinorUnits("BigCommerce");

export type InventoryItemRef = { by: "product_id" | "variant_id"; id: number };

export function inventoryItemId(product: BcProduct, variant: BcVariant): string | null {
  if (product.inventory_tracking === "none") return null;
  return product.inventory_tracking === "product" ? `product:${product.id}` : `variant:${variant.id}`;
}

export function parseInventoryItemId(value: string): InventoryItemRef | null {
  const match = /^(product|variant):(\d+)$/.exec(value);
  if (!match) return null;
  return { by: match[1] === "product" ? "product_id" : "variant_id", id: Number(match[2]) };
}

/** A bundle is an ordinary product on BigCommerce; the seeded stores name its parts in a custom field. */
export function isBundle(product: BcProduct): boolean {
  return product.custom_fields.some((field) => field.name === "bundle_of");
}

/** One sellable variant per entry; a product without options has its one base variant. */
export function mapProduct(product: BcProduct, currency: string | null): ChannelProduct[] {
  const variants = product.variants;
  return variants.map((variant) => {
    const options = Object.fromEntries(variant.option_values.map((o) => [o.option_display_name, o.label]));
    const labels = variant.option_values.map((o) => o.label);
    const price = variant.price ?? product.price;
    return {
      platformProductId: String(product.id),
      platformVariantId: String(variant.id),
      inventoryItemId: inventoryItemId(product, variant),
      sku: present(variant.sku) ?? (variants.length === 1 ? present(product.sku) : null),
      name: labels.length > 0 ? `${product.name} - ${labels.join(" / ")}` : product.name,
      groupKey: variants.length > 1 ? `bigcommerce:${product.id}` : null,
      options,
      barcode: present(variant.upc) ?? present(variant.gtin),
      priceMinor: currency && typeof price === "number" ? toMinor(price.toFixed(4), currency) : null,
      currency: typeof price === "number" ? currency : null,
      // BigCommerce's weight is in the store's unit (a setting this connector does not read).
      weightGrams: null,
      images: [],
      archived: false,
      updatedAt: new Date(product.date_modified),
    };
  });
}
