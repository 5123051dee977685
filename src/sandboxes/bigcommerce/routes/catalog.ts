import type { FastifyInstance } from "fastify";
import type { StoreItem, StoreProduct } from "../../kit/store/records.ts";
import { v3NotFound } from "../errors.ts";
import { productJson, variantJson } from "../shapes.ts";
import { type BcContext, dateParam, idParam, listFilter, query, V3, v3Page } from "./common.ts";

/** Catalog `limit`: default 50, at most 250 (products_catalog.v3.yml). */
export const CATALOG_LIMITS = { defaultPerPage: 50, maxPerPage: 250 } as const;

/**
 * `/v3/catalog/products` (`include=variants`, `sku`, `id:in`, `date_modified:min|max`, `page`,
 * `limit`), one product, its variants, and `/v3/catalog/variants` (`sku`, `product_id:in`).
 * Sorted by id, as BigCommerce's default sort is.
 */
export function registerCatalogRoutes(app: FastifyInstance, ctx: BcContext): void {
  const { store } = ctx;

  app.get(`${V3}/catalog/products`, async (request) => {
    const q = query(request);
    const modifiedMin = dateParam(q, "date_modified:min");
    const modifiedMax = dateParam(q, "date_modified:max");
    const ids = listFilter(q, "id:in");
    const includes = listFilter(q, "include");
    const items = [...store.products.values()]
      .filter(
        (p) =>
          (q.sku === undefined || p.sku === q.sku) &&
          (ids === null || ids.has(String(p.id))) &&
          (modifiedMin === null || p.modifiedMs >= modifiedMin) &&
          (modifiedMax === null || p.modifiedMs <= modifiedMax),
      )
      .sort((a, b) => a.id - b.id);
    return v3Page(request, items, CATALOG_LIMITS, (p: StoreProduct) =>
      productJson(ctx, p, includes?.has("variants") ?? false),
    );
  });

  app.get(`${V3}/catalog/products/:id`, async (request) => {
    const product = store.products.get(idParam(request));
    if (!product) throw v3NotFound();
    return {
      data: productJson(ctx, product, listFilter(query(request), "include")?.has("variants") ?? false),
      meta: {},
    };
  });

  app.get(`${V3}/catalog/products/:id/variants`, async (request) => {
    const product = store.products.get(idParam(request));
    if (!product) throw v3NotFound();
    return v3Page(request, store.itemsOf(product), CATALOG_LIMITS, (v: StoreItem) => variantJson(ctx, v));
  });

  app.get(`${V3}/catalog/variants`, async (request) => {
    const q = query(request);
    const productIds = listFilter(q, "product_id:in");
    const ids = listFilter(q, "id:in");
    const variants = [...store.items.values()]
      .filter(
        (v) =>
          (q.sku === undefined || v.sku === q.sku) &&
          (productIds === null || productIds.has(String(v.productId))) &&
          (ids === null || ids.has(String(v.id))),
      )
      .sort((a, b) => a.id - b.id);
    return v3Page(request, variants, CATALOG_LIMITS, (v: StoreItem) => variantJson(ctx, v));
  });
}
