import type { FastifyInstance } from "fastify";
import { equals, oneOf, serveResource } from "../../kit/resources.ts";
import type { StoreItem, StoreProduct } from "../../kit/store/records.ts";
import { v3NotFound } from "../errors.ts";
import { productJson, variantJson } from "../shapes.ts";
import { type BcContext, dateBound, listFilter, V3, v3One, v3Paging } from "./common.ts";

/** Catalog `limit`: default 50, at most 250 (products_catalog.v3.yml). */
export const CATALOG_LIMITS = { defaultPerPage: 50, maxPerPage: 250 } as const;

const byId = (a: { id: number }, b: { id: number }) => a.id - b.id;

/**
 * `/v3/catalog/products` (`include=variants`, `sku`, `id:in`, `date_modified:min|max`, `page`,
 * `limit`), one product, its variants, and `/v3/catalog/variants` (`sku`, `product_id:in`).
 * Sorted by id, as BigCommerce's default sort is.
 */
export function registerCatalogRoutes(app: FastifyInstance, ctx: BcContext): void {
  const { store } = ctx;
  const paging = v3Paging(CATALOG_LIMITS);
  const product = (id: number) => {
    const found = store.products.get(id);
    if (!found) throw v3NotFound();
    return found;
  };
  const withVariants = (q: Record<string, string | undefined>) =>
    listFilter(q, "include")?.has("variants") ?? false;

  serveResource<StoreProduct>(app, {
    path: `${V3}/catalog/products`,
    paging,
    list: () => store.products.values(),
    filters: {
      sku: equals((p) => p.sku),
      "id:in": oneOf((p) => p.id),
      "date_modified:min": dateBound("min", (p) => p.modifiedMs),
      "date_modified:max": dateBound("max", (p) => p.modifiedMs),
    },
    sort: () => byId,
    listRender: (p, call) => productJson(ctx, p, withVariants(call.q)),
    render: (p, call) => v3One(productJson(ctx, p, withVariants(call.q))),
    find: (call) => product(call.id()),
  });

  serveResource<StoreItem>(app, {
    path: `${V3}/catalog/products/:id/variants`,
    itemParam: "variantId",
    paging,
    list: (call) => store.itemsOf(product(call.id())),
    render: (v) => variantJson(ctx, v),
  });

  serveResource<StoreItem>(app, {
    path: `${V3}/catalog/variants`,
    paging,
    list: () => store.items.values(),
    filters: {
      sku: equals((v) => v.sku),
      "product_id:in": oneOf((v) => v.productId),
      "id:in": oneOf((v) => v.id),
    },
    sort: () => byId,
    render: (v) => variantJson(ctx, v),
  });
}
