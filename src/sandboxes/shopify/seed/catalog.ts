import { flat } from "../format.ts";
import type { Rng } from "../prng.ts";
import { imageCountFor } from "../store/media.ts";
import type { Store } from "../store/store.ts";
import type { InventoryItem, InventoryLevel, Location, Product, Variant } from "../store/types.ts";
import { makeAddress } from "./people.ts";
import { ADJECTIVES, COLORS, LOCATION_NAMES, MATERIALS, NOUNS, SIZES, TAGS, VENDORS } from "./words.ts";

const DAY = 86_400_000;
const PRICES = [999, 1499, 1999, 2499, 2999, 3499, 3999, 4999, 5999, 7999, 9999, 12999, 14999];

export function seedLocations(store: Store, rng: Rng, count: number, at: number): void {
  for (let index = 0; index < count; index++) {
    const location: Location = {
      kind: "Location",
      id: store.nextId("Location"),
      name: LOCATION_NAMES[index] ?? flat("Location ", index + 1),
      isActive: true,
      address: makeAddress(rng, "Stockwire", "Sandbox"),
      createdAt: at,
      updatedAt: at,
    };
    store.locations.push(location);
  }
}

/** EAN-13 with a valid check digit, unique per variant. */
export function barcode(variantNumber: number): string {
  const body = flat("2", String(variantNumber).padStart(11, "0"));
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(body[i]) * (i % 2 === 0 ? 1 : 3);
  return flat(body, (10 - (sum % 10)) % 10);
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .normalize("NFD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

/** Color × size combinations, as few colors as the variant count allows. */
function optionCombos(rng: Rng, count: number): { colors: (readonly [string, string])[]; sizes: string[] } {
  const colorCount = count <= 2 ? 1 : 2;
  const sizeCount = Math.ceil(count / colorCount);
  const colorStart = rng.int(0, COLORS.length - 1);
  const sizeStart = rng.int(0, SIZES.length - sizeCount);
  const colors = Array.from(
    { length: colorCount },
    (_, i) => COLORS[(colorStart + i) % COLORS.length] as (typeof COLORS)[number],
  );
  return { colors, sizes: SIZES.slice(sizeStart, sizeStart + sizeCount) };
}

/** Arrays are built whole, never pushed: pushed arrays keep spare capacity, which adds up here. */
export function levelsFor(store: Store, rng: Rng, itemId: number, at: number): InventoryLevel[] {
  const stocked = store.locations.filter((_, index) => index === 0 || rng.chance(0.6));
  return stocked.map((location) => ({
    kind: "InventoryLevel",
    id: store.nextId("InventoryLevel"),
    inventoryItemId: itemId,
    locationId: location.id,
    available: rng.chance(0.08) ? 0 : rng.int(1, 120),
    committed: 0,
    reserved: 0,
    damaged: 0,
    safety_stock: 0,
    quality_control: 0,
    incoming: rng.chance(0.1) ? rng.int(10, 100) : 0,
    updatedAt: at,
  }));
}

export function seedProduct(
  store: Store,
  rng: Rng,
  number: number,
  createdAt: number,
  anchor: number,
): Product {
  const [noun, productType] = rng.pick(NOUNS);
  const title = flat(rng.pick(ADJECTIVES), " ", rng.pick(MATERIALS), " ", noun);
  const variantCount = rng.weighted([1, 2, 3, 4], [35, 20, 20, 25]);
  const { colors, sizes } = optionCombos(rng, variantCount);
  const basePrice = rng.pick(PRICES);
  const updatedAt = Math.min(anchor - 1000, createdAt + rng.int(0, 30) * DAY);
  const product: Product = {
    kind: "Product",
    id: store.nextId("Product"),
    title,
    handle: flat(slug(title), "-", number),
    vendor: rng.pick(VENDORS),
    productType,
    status: rng.weighted(["ACTIVE", "DRAFT", "ARCHIVED"] as const, [95, 3, 2]),
    tags: rng.chance(0.5) ? [rng.pick(TAGS)] : [],
    options: [
      { name: "Color", values: colors.map(([name]) => name) },
      { name: "Size", values: [...sizes] },
    ],
    variantIds: Array.from({ length: variantCount }, () => store.nextId("ProductVariant")),
    imageCount: imageCountFor(number),
    createdAt,
    updatedAt,
  };
  const skuBase = flat("SKU-", String(number).padStart(5, "0"));
  for (let position = 1; position <= variantCount; position++) {
    const [colorName, colorCode] = colors[Math.floor((position - 1) / sizes.length)] as readonly [
      string,
      string,
    ];
    const size = sizes[(position - 1) % sizes.length] as string;
    const priceCents = basePrice + (size === "XL" || size === "XXL" ? 200 : 0);
    const variant: Variant = {
      kind: "ProductVariant",
      id: product.variantIds[position - 1] as number,
      productId: product.id,
      title: flat(colorName, " / ", size),
      sku: flat(skuBase, "-", colorCode, "-", size),
      priceCents,
      compareAtPriceCents: rng.chance(0.15) ? Math.round((priceCents * 1.25) / 100) * 100 - 1 : null,
      barcode: barcode(store.variants.length + 1),
      position,
      inventoryItemId: store.nextId("InventoryItem"),
      grams: rng.int(100, 2000),
      updatedAt,
    };
    const item: InventoryItem = {
      kind: "InventoryItem",
      id: variant.inventoryItemId,
      variantId: variant.id,
      tracked: rng.chance(0.97),
      updatedAt: createdAt,
      levels: levelsFor(store, rng, variant.inventoryItemId, createdAt),
    };
    store.variants.push(variant);
    store.variantsById.set(variant.id, variant);
    store.variantsBySku.set(variant.sku, variant);
    store.inventoryItems.push(item);
    store.inventoryItemsById.set(item.id, item);
  }
  store.products.push(product);
  store.productsById.set(product.id, product);
  return product;
}

/** Products were created over the year before the orders window, oldest first. */
export function seedCatalog(store: Store, rng: Rng, count: number, anchor: number): void {
  const start = anchor - 365 * DAY;
  const span = 300 * DAY;
  for (let number = 1; number <= count; number++) {
    seedProduct(store, rng, number, Math.floor(start + (number / (count + 1)) * span), anchor);
  }
}
