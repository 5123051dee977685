import type { ChannelLocation, ChannelProduct, Page } from "../contract.ts";
import { type Listing, type ListOptions, runListing } from "../kit/listing.ts";
import { type BigCommerceClient, v3Page } from "./client.ts";
import { isBundle, mapProduct } from "./map-product.ts";
import { type BcProduct, locationSchema, productSchema, storeSchema, v3List } from "./schemas.ts";

/** The v3 catalogue's page limit. */
export const MAX_PRODUCT_PAGE = 250;

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
export const productListing = (
  client: BigCommerceClient,
  currency: () => Promise<string | null>,
): Listing<BcProduct, ChannelProduct> => ({
  path: "/v3/catalog/products",
  paging: "totals",
  size: { param: "limit", default: MAX_PRODUCT_PAGE, max: MAX_PRODUCT_PAGE },
  query: { include: "variants" },
  since: { updated: "date_modified:min", format: (d) => d.toISOString() },
  read: (path, query) => v3Page(client, path, query, productSchema, "catalog"),
  async map(products) {
    const storeCurrency = await currency();
    const notices = [
      ...products
        .filter((p) => p.inventory_tracking === "none")
        .map(
          (p) =>
            `"${p.name}" (product ${p.id}) does not track inventory on BigCommerce: listed, stock not synchronised`,
        ),
      ...products
        .filter(isBundle)
        .map(
          (p) =>
            `"${p.name}" (product ${p.id}) is a bundle: synchronised as a product of its own, its parts' stock is not linked`,
        ),
    ];
    return { items: products.flatMap((product) => mapProduct(product, storeCurrency)), notices };
  },
});

export const listProducts = (
  client: BigCommerceClient,
  currency: () => Promise<string | null>,
  options: ListOptions,
): Promise<Page<ChannelProduct>> => runListing(productListing(client, currency), options);
