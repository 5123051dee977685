import type { Rng } from "../prng.ts";
import { placeOrder } from "../store/orders.ts";
import type { Store } from "../store/store.ts";
import type { InventoryItem, Product, Variant } from "../store/types.ts";
import { barcode, levelsFor } from "./catalog.ts";

const DAY = 86_400_000;

/**
 * What real stores hold that a tidy seed does not (issue 19, the channel-kit list of realistic
 * gaps), added after the regular catalogue and orders so those stay as they were:
 * - a product without options, whose one variant Shopify titles "Default Title";
 * - a variant without a SKU (GraphQL answers `sku: null`), as shops that never set one have;
 * - guest orders without a customer, an e-mail or addresses (a POS sale, a draft order paid in
 *   cash), for the Default Title product.
 * Negative stock is seeded separately (seed-store.ts), in every store of a few products or more.
 */
export function seedGaps(store: Store, rng: Rng, anchor: number): void {
  const createdAt = anchor - 200 * DAY;
  const plain = addSingleVariantProduct(store, rng, "Gift Card Sleeve", "SKU-PLAIN-1", createdAt);
  addSingleVariantProduct(store, rng, "Sample Swatch", "", createdAt);
  const primary = store.itemOfVariant(plain).levels[0];
  if (primary && primary.available < 10) primary.available += 10;
  for (let index = 0; index < 2; index++) {
    placeOrder(store, {
      lines: [{ variant: plain, quantity: 1 }],
      financialStatus: "PAID",
      customer: null,
      email: null,
      shippingAddress: null,
      createdAt: anchor - (index + 2) * DAY,
      shippingCents: 0,
      taxRate: 0,
      discountRate: 0,
      discountCode: null,
      preferredLocationId: null,
      note: null,
      tags: [],
    });
  }
}

/** A product without options: one variant titled "Default Title" under the option "Title". */
function addSingleVariantProduct(
  store: Store,
  rng: Rng,
  title: string,
  sku: string,
  createdAt: number,
): Variant {
  const product: Product = {
    kind: "Product",
    id: store.nextId("Product"),
    title,
    handle: title.toLowerCase().replace(/[^a-z0-9]+/g, "-"),
    vendor: "Stockwire Sandbox",
    productType: "Accessories",
    status: "ACTIVE",
    tags: [],
    options: [{ name: "Title", values: ["Default Title"] }],
    variantIds: [store.nextId("ProductVariant")],
    imageCount: 0,
    createdAt,
    updatedAt: createdAt,
  };
  const variant: Variant = {
    kind: "ProductVariant",
    id: product.variantIds[0] as number,
    productId: product.id,
    title: "Default Title",
    sku,
    priceCents: 499,
    compareAtPriceCents: null,
    barcode: barcode(store.variants.length + 1),
    position: 1,
    inventoryItemId: store.nextId("InventoryItem"),
    grams: 50,
    updatedAt: createdAt,
  };
  const item: InventoryItem = {
    kind: "InventoryItem",
    id: variant.inventoryItemId,
    variantId: variant.id,
    tracked: true,
    updatedAt: createdAt,
    levels: levelsFor(store, rng, variant.inventoryItemId, createdAt),
  };
  store.variants.push(variant);
  store.variantsById.set(variant.id, variant);
  if (sku !== "") store.variantsBySku.set(sku, variant);
  store.inventoryItems.push(item);
  store.inventoryItemsById.set(item.id, item);
  store.products.push(product);
  store.productsById.set(product.id, product);
  return variant;
}
