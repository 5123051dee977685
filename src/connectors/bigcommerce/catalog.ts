import type { ChannelLocation, ChannelProduct, ConnectorSession, Page } from "../contract.ts";
import { nextPageCursor, pageOf } from "../kit/channel.ts";
import type { BigCommerceClient } from "./client.ts";
import { isBundle, mapProduct } from "./map-product.ts";
import { locationSchema, productSchema, storeSchema, v3List } from "./schemas.ts";

/** The v3 catalogue's page limit. */
export const MAX_PRODUCT_PAGE = 250;

type ProductOptions = Parameters<NonNullable<ConnectorSession["listProducts"]>>[0];

/** `GET /v2/store`: proves the hash and token together, and names the store and its currency. */
export async function readStore(client: BigCommerceClient): Promise<{ label: string; currency?: string }> {
  const store = await client.get("/v2/store", storeSchema, "catalog");
  return { label: store.name, ...(store.currency ? { currency: store.currency } : {}) };
}

export async function listLocations(client: BigCommerceClient): Promise<ChannelLocation[]> {
  const page = await client.get("/v3/inventory/locations?limit=250", v3List(locationSchema), "catalog");
  return page.data.map((l) => ({ id: String(l.id), name: l.label, active: l.enabled }));
}

/** Products with their variants, by id, a page number as the cursor; `updatedSince` → `date_modified:min`. */
export async function listProducts(
  client: BigCommerceClient,
  currency: () => Promise<string | null>,
  options: ProductOptions,
): Promise<Page<ChannelProduct>> {
  const page = pageOf(options.cursor);
  const limit = Math.min(Math.max(options.pageSize ?? MAX_PRODUCT_PAGE, 1), MAX_PRODUCT_PAGE);
  const query = new URLSearchParams({ include: "variants", page: String(page), limit: String(limit) });
  if (options.updatedSince) query.set("date_modified:min", options.updatedSince.toISOString());
  const answer = await client.get(`/v3/catalog/products?${query}`, v3List(productSchema), "catalog");
  const storeCurrency = await currency();
  const items = answer.data.flatMap((product) => mapProduct(product, storeCurrency));
  const untracked = answer.data.filter((p) => p.inventory_tracking === "none");
  const bundles = answer.data.filter(isBundle);
  const notices = [
    ...untracked.map(
      (p) =>
        `"${p.name}" (product ${p.id}) does not track inventory on BigCommerce: listed, stock not synchronised`,
    ),
    ...bundles.map(
      (p) =>
        `"${p.name}" (product ${p.id}) is a bundle: synchronised as a product of its own, its parts' stock is not linked`,
    ),
  ];
  const pagination = answer.meta.pagination;
  return {
    items,
    nextCursor: nextPageCursor(page, pagination?.total_pages),
    ...(pagination ? { estimatedTotal: pagination.total } : {}),
    ...(notices.length > 0 ? { notices } : {}),
  };
}
