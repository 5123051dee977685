import type { Rng } from "../prng.ts";
import { ADJECTIVES, COLORS, NOUNS, SIZES } from "./words.ts";

/**
 * Gaps real stores have and a hub must survive. Each one is placed on at least one product
 * when the store is large enough (see `PRODUCT_GAPS`), the rest of the catalogue stays clean.
 */
export type ProductGap =
  | "missing_sku"
  | "duplicate_sku"
  | "default_title"
  | "null_barcode"
  | "negative_stock"
  | "sku_whitespace"
  | "sku_control_char"
  | "untracked_stock"
  | "bundle"
  | "grouped";

/** In placement order: with fewer products than gaps, the first ones are placed. */
export const PRODUCT_GAPS: readonly ProductGap[] = [
  "missing_sku",
  "duplicate_sku",
  "default_title",
  "negative_stock",
  "sku_whitespace",
  "sku_control_char",
  "untracked_stock",
  "null_barcode",
  "bundle",
  "grouped",
];

export type ProductKind = "simple" | "variable" | "bundle" | "grouped";

export interface SeedVariant {
  /** "Black / M"; "Default Title" for the single-variant gap. */
  readonly title: string;
  readonly options: readonly { readonly name: string; readonly value: string }[];
  readonly sku: string | null;
  readonly barcode: string | null;
  /** Decimal string with two places, as stores show money ("12.50"). */
  readonly price: string;
  /** On-hand quantity; null when the store does not track stock for it. */
  readonly stock: number | null;
}

export interface SeedProduct {
  readonly index: number;
  readonly name: string;
  readonly kind: ProductKind;
  /** One for simple and bundle products, none for grouped ones. */
  readonly variants: readonly SeedVariant[];
  /** Indexes of the products a bundle or grouped product is made of. */
  readonly components: readonly number[];
  readonly gaps: readonly ProductGap[];
  readonly createdAtMs: number;
}

export interface CatalogOptions {
  readonly products: number;
  /** Products are created over the `daysBack` days before `anchorMs`. */
  readonly anchorMs: number;
  readonly daysBack?: number;
}

const DAY = 86_400_000;

function money(rng: Rng, min: number, max: number): string {
  return (rng.int(min * 100, max * 100) / 100).toFixed(2);
}

function barcode(rng: Rng): string {
  return Array.from({ length: 13 }, () => rng.int(0, 9)).join("");
}

function cleanProduct(rng: Rng, index: number, createdAtMs: number): SeedProduct {
  const [noun, code] = rng.pick(NOUNS);
  const name = `${rng.pick(ADJECTIVES)} ${noun}`;
  const base = `${code}-${String(index + 1).padStart(4, "0")}`;
  const price = money(rng, 8, 120);
  const stock = () => rng.int(0, 60);
  if (rng.chance(0.4)) {
    return {
      index,
      name,
      kind: "simple",
      variants: [{ title: name, options: [], sku: base, barcode: barcode(rng), price, stock: stock() }],
      components: [],
      gaps: [],
      createdAtMs,
    };
  }
  const colors = rng.shuffle([...COLORS]).slice(0, rng.int(1, 2));
  const sizes = SIZES.slice(rng.int(0, 2), rng.int(3, 5));
  const variants = colors.flatMap(([color, colorCode]) =>
    sizes.map((size) => ({
      title: `${color} / ${size}`,
      options: [
        { name: "Color", value: color },
        { name: "Size", value: size },
      ],
      sku: `${base}-${colorCode}-${size}`,
      barcode: barcode(rng),
      price,
      stock: stock(),
    })),
  );
  return { index, name, kind: "variable", variants, components: [], gaps: [], createdAtMs };
}

type Mutable = { -readonly [K in keyof SeedProduct]: SeedProduct[K] };

/** Rewrites `product` (or one of its variants) so it shows `gap`. */
function applyGap(product: Mutable, gap: ProductGap, catalog: readonly SeedProduct[], rng: Rng): void {
  const variants = product.variants.map((v) => ({ ...v }));
  const first = variants[0];
  product.gaps = [...product.gaps, gap];
  const others = catalog.filter(
    (p) => p.index !== product.index && p.kind !== "grouped" && p.variants[0]?.sku,
  );
  switch (gap) {
    case "missing_sku":
      if (first) first.sku = null;
      break;
    case "duplicate_sku": {
      // Product 0 never carries a gap, so its SKU stays as copied here.
      const twin = catalog[0];
      if (first && twin?.variants[0]?.sku) first.sku = twin.variants[0].sku;
      break;
    }
    case "default_title":
      product.kind = "variable";
      variants.splice(1);
      if (first)
        Object.assign(first, {
          title: "Default Title",
          options: [{ name: "Title", value: "Default Title" }],
        });
      break;
    case "null_barcode":
      for (const v of variants) v.barcode = null;
      break;
    case "negative_stock":
      if (first) first.stock = -rng.int(1, 5);
      break;
    case "sku_whitespace":
      if (first?.sku) first.sku = ` ${first.sku}  `;
      break;
    case "sku_control_char":
      if (first?.sku) first.sku = `${first.sku}\u0007`;
      break;
    case "untracked_stock":
      for (const v of variants) v.stock = null;
      break;
    case "bundle":
      product.kind = "bundle";
      variants.splice(1);
      if (first) Object.assign(first, { title: product.name, options: [], stock: null });
      product.components = rng.shuffle(others.map((p) => p.index)).slice(0, 2);
      break;
    case "grouped":
      product.kind = "grouped";
      variants.splice(0);
      product.components = rng.shuffle(others.map((p) => p.index)).slice(0, 3);
      break;
  }
  product.variants = variants;
}

/**
 * A deterministic catalogue: the same seed and options give the same products. Every gap in
 * `PRODUCT_GAPS` lands on its own product (while there are products left), on products chosen
 * by the seed; the remaining products are clean.
 */
export function generateCatalog(rng: Rng, options: CatalogOptions): SeedProduct[] {
  const daysBack = options.daysBack ?? 365;
  const products: Mutable[] = [];
  for (let i = 0; i < options.products; i++) {
    const createdAtMs = options.anchorMs - rng.int(1, daysBack) * DAY + rng.int(0, DAY - 1);
    products.push(cleanProduct(rng, i, createdAtMs));
  }
  // Gaps go on products after the first, so a duplicate SKU has an earlier twin.
  const targets = rng.shuffle(products.slice(1).map((p) => p.index));
  PRODUCT_GAPS.forEach((gap, i) => {
    const target = targets[i];
    if (target !== undefined) applyGap(products[target] as Mutable, gap, products, rng);
  });
  return products;
}
