import { isoDateTime } from "../../format.ts";
import { gid } from "../../gid.ts";
import type { ProductImage } from "../../store/types.ts";
import { fields, type ResolverMap } from "../resolver-types.ts";

/** An `Image` object: the picture behind a MediaImage, or a legacy ProductImage (same id space). */
export function imageObject(image: ProductImage) {
  return {
    id: gid("ProductImage", image.id),
    url: image.url,
    altText: image.altText,
    width: image.width,
    height: image.height,
  };
}

export const mediaResolvers: ResolverMap = {
  MediaImage: fields<ProductImage>({
    id: (m) => gid("MediaImage", m.id),
    alt: (m) => m.altText,
    mediaContentType: () => "IMAGE",
    status: () => "READY",
    preview: (m) => ({ image: imageObject(m), status: "READY" }),
    image: (m) => imageObject(m),
    mimeType: () => "image/jpeg",
    createdAt: (m) => isoDateTime(m.createdAt),
    updatedAt: (m) => isoDateTime(m.createdAt),
  }),
};
