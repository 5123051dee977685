import { z } from "zod";
import type { ChannelProduct, Page } from "../contract.ts";
import { everyPage, provenByCall } from "../kit/channel.ts";
import { type Listing, type ListOptions, runListing } from "../kit/listing.ts";
import type { WooClient } from "./client.ts";
import { mapItem, UNTRACKED_TYPES } from "./map.ts";
import { productSchema, variationSchema, type WooProduct } from "./schemas.ts";

const V3 = "wc/v3";
const DEFAULT_PAGE = 20;

/** A date as WooCommerce filters read it with `dates_are_gmt=true`: UTC, no offset. */
export const gmtFilter = (date: Date) => date.toISOString().slice(0, 19);

const statusSchema = z.object({
  environment: z.object({ site_url: z.string() }).partial().optional(),
  settings: z.object({ currency: z.string() }).partial().optional(),
});

/** A real call with the keys: 401 means the keys are wrong, and the message names them. */
export async function validateStore(client: WooClient): Promise<{ label: string; currency?: string }> {
  const status = await provenByCall(
    () => client.call("GET", `${V3}/system_status`, statusSchema, { priority: "catalog" }),
    (http) => `consumerKey / consumerSecret were refused by the store (HTTP ${http})`,
  );
  const currency = status.settings?.currency;
  return { label: status.environment?.site_url ?? "WooCommerce store", ...(currency ? { currency } : {}) };
}

async function variationsOf(client: WooClient, product: WooProduct): Promise<ChannelProduct[]> {
  const variations = await everyPage((page) =>
    client.page(`${V3}/products/${product.id}/variations`, z.array(variationSchema), {
      query: { page, per_page: 100, orderby: "id", order: "asc" },
      priority: "catalog",
    }),
  );
  return variations.map((v) => mapItem(product, v, null));
}

/**
 * Products by id, each variable product with its variations. Grouped products, bundles and
 * external products hold no stock of their own: they are left out, said once as a notice.
 */
export const productListing = (client: WooClient): Listing<WooProduct, ChannelProduct> => ({
  path: `${V3}/products`,
  paging: "totals",
  size: { param: "per_page", default: DEFAULT_PAGE, max: 100 },
  query: { orderby: "id", order: "asc" },
  since: { updated: "modified_after", format: gmtFilter, withBound: { dates_are_gmt: true } },
  read: (path, query) => client.page(path, z.array(productSchema), { query, priority: "catalog" }),
  async map(products) {
    const items: ChannelProduct[] = [];
    const notices: string[] = [];
    for (const product of products) {
      if (UNTRACKED_TYPES.has(product.type)) {
        notices.push(
          `"${product.name}" (${product.type} product ${product.id}) holds no stock of its own; not tracked`,
        );
      } else if (product.type === "variable") {
        items.push(...(await variationsOf(client, product)));
      } else {
        items.push(mapItem(product, null, null));
      }
    }
    return { items, notices };
  },
});

export const listProducts = (client: WooClient, options: ListOptions): Promise<Page<ChannelProduct>> =>
  runListing(productListing(client), options);
