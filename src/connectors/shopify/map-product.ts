import type { ChannelLocation, ChannelProduct } from "../contract.ts";
import type { VariantNode } from "./catalog-schema.ts";
import { toMinor } from "./money.ts";
import { date, text } from "./order-rules.ts";

const GRAMS_PER_UNIT: Record<string, number> = {
  GRAMS: 1,
  KILOGRAMS: 1000,
  OUNCES: 28.349523125,
  POUNDS: 453.59237,
};

/** Shopify names the only variant of an option-less product "Default Title"; it adds nothing to a name. */
const DEFAULT_TITLE = "Default Title";

function grams(weight: { value: number; unit: string } | null | undefined): number | null {
  const factor = weight ? GRAMS_PER_UNIT[weight.unit] : undefined;
  return weight && factor !== undefined ? Math.round(weight.value * factor) : null;
}

function later(a: string, b: string | null | undefined): Date {
  const first = date(a);
  return b ? new Date(Math.max(first.getTime(), date(b).getTime())) : first;
}

/**
 * A GraphQL ProductVariant (with its product) → ChannelProduct. The variant price is a `Money`
 * decimal in the shop's currency; `groupKey` is the product gid, so variants of one product group.
 */
export function mapVariant(node: VariantNode, shopCurrency: string): ChannelProduct {
  const variantTitle = text(node.title);
  const options = Object.fromEntries(
    (node.selectedOptions ?? []).map((option) => [option.name, option.value]),
  );
  const name =
    variantTitle && variantTitle !== DEFAULT_TITLE
      ? `${node.product.title} - ${variantTitle}`
      : node.product.title;
  return {
    platformProductId: node.product.id,
    platformVariantId: node.id,
    // Shopify refuses quantities for items it does not track: without an item id the hub never pushes.
    inventoryItemId: node.inventoryItem?.tracked === false ? null : (node.inventoryItem?.id ?? null),
    sku: text(node.sku),
    name,
    groupKey: node.product.id,
    options: variantTitle === DEFAULT_TITLE ? {} : options,
    barcode: text(node.barcode),
    priceMinor: node.price === null || node.price === undefined ? null : toMinor(node.price, shopCurrency),
    currency: shopCurrency,
    weightGrams: grams(node.inventoryItem?.measurement?.weight),
    images: [],
    archived: node.product.status === "ARCHIVED",
    updatedAt: later(node.updatedAt, node.product.updatedAt),
  };
}

export function mapLocation(node: { id: string; name: string; isActive?: boolean | null }): ChannelLocation {
  return { id: node.id, name: node.name, active: node.isActive ?? true };
}
