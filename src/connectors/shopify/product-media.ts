import { z } from "zod";
import { pageInfoSchema } from "./catalog-schema.ts";
import type { GraphqlClient } from "./client.ts";
import { estimateCost } from "./cost.ts";
import { PRODUCT_MEDIA_PAGE_QUERY, PRODUCT_MEDIA_QUERY } from "./queries.ts";
import { SHOPIFY_MAX_QUERY_COST } from "./rate-limits.ts";

/** Images read per product in the batched query; a product with more is finished one page at a time. */
const FIRST_MEDIA = 10;
const MORE_MEDIA = 100;

/** Media nodes of other kinds (video, 3D) answer `{}` to the MediaImage fragment and are skipped. */
const mediaSchema = z.object({
  nodes: z.array(z.object({ image: z.object({ url: z.string() }).nullish() })),
  pageInfo: pageInfoSchema,
});
const productMediaSchema = z.object({ id: z.string(), media: mediaSchema });
const mediaBatchSchema = z.object({
  nodes: z.array(z.union([productMediaSchema, z.object({}), z.null()])),
});
const mediaPageSchema = z.object({
  node: z.union([z.object({ media: mediaSchema }), z.object({}), z.null()]),
});
type MediaPage = z.infer<typeof mediaSchema>;

const urlsOf = (media: MediaPage) => media.nodes.flatMap((n) => (n.image?.url ? [n.image.url] : []));

/** Products per batched call: as many as keep the query under Shopify's single-query cost limit. */
export const MEDIA_BATCH = Math.max(
  1,
  Math.floor(
    SHOPIFY_MAX_QUERY_COST / estimateCost(PRODUCT_MEDIA_QUERY, { ids: ["probe"], first: FIRST_MEDIA }),
  ),
);

/**
 * Image URLs of products, in Shopify's media order (position), by product gid. Read with
 * `nodes(ids:)` so variants of one product cost one lookup; images only (`MediaImage`).
 */
export async function imagesOfProducts(
  client: GraphqlClient,
  productIds: readonly string[],
  firstMedia = FIRST_MEDIA,
): Promise<Map<string, string[]>> {
  const images = new Map<string, string[]>();
  const unique = [...new Set(productIds)];
  for (let i = 0; i < unique.length; i += MEDIA_BATCH) {
    const ids = unique.slice(i, i + MEDIA_BATCH);
    const data = await client.run(
      PRODUCT_MEDIA_QUERY,
      { ids, first: firstMedia },
      mediaBatchSchema,
      "catalog",
    );
    for (const node of data.nodes) {
      if (!node || !("media" in node)) continue;
      const urls = urlsOf(node.media);
      let after = node.media.pageInfo.hasNextPage ? (node.media.pageInfo.endCursor ?? null) : null;
      while (after) {
        const page = await client.run(
          PRODUCT_MEDIA_PAGE_QUERY,
          { id: node.id, first: MORE_MEDIA, after },
          mediaPageSchema,
          "catalog",
        );
        if (!page.node || !("media" in page.node)) break;
        urls.push(...urlsOf(page.node.media));
        const info = page.node.media.pageInfo;
        after = info.hasNextPage ? (info.endCursor ?? null) : null;
      }
      images.set(node.id, urls);
    }
  }
  return images;
}
