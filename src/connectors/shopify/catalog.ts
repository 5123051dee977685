import { AppError } from "../../lib/errors.ts";
import type { ChannelLocation, ChannelProduct, Page } from "../contract.ts";
import type { BulkCatalog } from "./bulk-catalog.ts";
import { type LocationsPage, locationsSchema, shopSchema, variantsSchema } from "./catalog-schema.ts";
import type { GraphqlClient } from "./client.ts";
import { largestPage } from "./cost.ts";
import { decodeCursor, encodeCursor } from "./cursor.ts";
import { mapLocation, mapVariant } from "./map-product.ts";
import { imagesOfProducts } from "./product-media.ts";
import { LOCATIONS_QUERY, SHOP_QUERY, VARIANTS_QUERY } from "./queries.ts";
import { SHOPIFY_MAX_QUERY_COST } from "./rate-limits.ts";
import { sinceQuery } from "./search.ts";

export async function validateShop(client: GraphqlClient): Promise<{ label: string; currency: string }> {
  const { shop } = await client.run(SHOP_QUERY, {}, shopSchema, "catalog");
  return { label: shop.name, currency: shop.currencyCode };
}

export async function listLocations(client: GraphqlClient): Promise<ChannelLocation[]> {
  const locations: ChannelLocation[] = [];
  let after: string | null = null;
  do {
    const page: LocationsPage = await client.run(
      LOCATIONS_QUERY,
      { first: 100, after },
      locationsSchema,
      "catalog",
    );
    locations.push(...page.locations.nodes.map(mapLocation));
    after = page.locations.pageInfo.hasNextPage ? (page.locations.pageInfo.endCursor ?? null) : null;
  } while (after);
  return locations;
}

/** The largest variants page that stays under the single-query cost limit (≈160 with this selection). */
export const MAX_VARIANT_PAGE = largestPage(VARIANTS_QUERY, {}, "first", SHOPIFY_MAX_QUERY_COST);

export type ListProductsOptions = {
  updatedSince?: Date;
  cursor?: string | null;
  pageSize?: number;
  /** Also read each product's images (one batched `nodes(ids:)` call per page); default false. */
  withImages?: boolean;
};

/**
 * One page of variants, each with its product; cursors carry the search filter, so the engine can
 * resume from the cursor alone. Sorted by id, which Shopify's cursors survive inserts with.
 */
export async function listVariantPage(
  client: GraphqlClient,
  options: ListProductsOptions,
): Promise<Page<ChannelProduct>> {
  const resumed = options.cursor ? decodeCursor(options.cursor) : null;
  const query =
    resumed?.query ?? (options.updatedSince ? sinceQuery("updated_at", options.updatedSince) : undefined);
  const first = Math.max(1, Math.min(options.pageSize ?? MAX_VARIANT_PAGE, MAX_VARIANT_PAGE));
  const data = await client.run(
    VARIANTS_QUERY,
    { first, after: resumed?.after ?? null, query: query ?? null },
    variantsSchema,
    "catalog",
  );
  const { nodes, pageInfo } = data.productVariants;
  const endCursor = pageInfo.endCursor;
  const images = options.withImages
    ? await imagesOfProducts(
        client,
        nodes.map((node) => node.product.id),
      )
    : null;
  return {
    items: nodes.map((node) => ({
      ...mapVariant(node, data.shop.currencyCode),
      ...(images ? { images: images.get(node.product.id) ?? [] } : {}),
    })),
    nextCursor:
      pageInfo.hasNextPage && endCursor
        ? encodeCursor({ after: endCursor, ...(query ? { query } : {}) })
        : null,
  };
}

/**
 * listProducts: a full read (no `updatedSince`, no cursor) of a large shop goes through a bulk
 * operation when one is configured; everything else pages variants. Cursors say which is which.
 */
export async function listProducts(
  client: GraphqlClient,
  bulk: BulkCatalog | null,
  options: ListProductsOptions,
): Promise<Page<ChannelProduct>> {
  const resumed = options.cursor ? decodeCursor(options.cursor) : null;
  if (resumed?.bulk) {
    if (!bulk)
      throw new AppError(
        "invalid_data",
        "invalid_cursor",
        "This cursor belongs to a bulk read, which is off",
      );
    return bulk.page(resumed.bulk, options.pageSize);
  }
  if (bulk && !resumed && !options.updatedSince && (await bulk.isLarge())) {
    const page = await bulk.firstPage(options.pageSize, options.withImages ?? false);
    if (page) return page;
  }
  return listVariantPage(client, options);
}
