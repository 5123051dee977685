import { flat } from "../format.ts";
import { legacyId } from "../gid.ts";
import type { Product, ProductImage } from "./types.ts";

/** Most images one product has here; image ids reserve this many slots per product. */
export const MAX_IMAGES = 7;
const SIZES = [
  [2048, 2048],
  [1600, 2000],
  [2000, 1500],
] as const;

/**
 * A seeded product's image count, from its number alone (not the seed's random stream, so adding
 * images changed no other seeded value): about a fifth have none, the rest one to four.
 */
export function imageCountFor(productNumber: number): number {
  const mixed = Math.imul(productNumber ^ 0x9e3779b9, 0x85ebca6b) >>> 0;
  const bucket = mixed % 10;
  return bucket < 2 ? 0 : bucket < 5 ? 1 : bucket < 7 ? 2 : bucket < 9 ? 3 : 4;
}

/**
 * The product's images in position order. URLs have the shape of Shopify's CDN (files under the
 * shop's folder, `?v=` the upload time in seconds); they are never fetched.
 */
export function imagesOf(product: Product): ProductImage[] {
  const images: ProductImage[] = [];
  for (let position = 1; position <= product.imageCount; position++) {
    const [width, height] = SIZES[(product.id + position) % SIZES.length] as readonly [number, number];
    const id = product.id * (MAX_IMAGES + 1) + position;
    images.push({
      kind: "MediaImage",
      id,
      productId: product.id,
      position,
      url: flat(
        "https://cdn.shopify.com/s/files/1/0712/4403/8841/files/",
        product.handle,
        "-",
        position,
        ".jpg?v=",
        Math.floor(product.createdAt / 1000),
      ),
      altText: position === 1 ? product.title : flat(product.title, " - view ", position),
      width,
      height,
      createdAt: product.createdAt,
    });
  }
  return images;
}

/** The image with this id, if its product has that many images. */
export function imageById(productsById: ReadonlyMap<number, Product>, id: number): ProductImage | undefined {
  const product = productsById.get(Math.floor(id / (MAX_IMAGES + 1)));
  const position = id % (MAX_IMAGES + 1);
  return product && position >= 1 ? imagesOf(product)[position - 1] : undefined;
}

/** The legacy REST image id (ProductImage) of an image. */
export const restImageId = (image: ProductImage) => legacyId("ProductImage", image.id);
