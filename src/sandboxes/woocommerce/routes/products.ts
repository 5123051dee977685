import type { FastifyInstance } from "fastify";
import type { StoreItem, StoreProduct } from "../../kit/store/records.ts";
import { invalidParam } from "../errors.ts";
import { applyItemChanges, type ItemChanges, productById, variationById } from "../ops.ts";
import { productJson, type ShapeContext, variationJson } from "../shapes.ts";
import { dateFilter, idParam, query, sendPage, sorter } from "./listing.ts";

const TYPES = ["simple", "grouped", "external", "variable", "bundle"];

/** Products and their variations: list, read, update (`PUT`), under `/wp-json/wc/v3/`. */
export function registerProductRoutes(app: FastifyInstance, ctx: ShapeContext): void {
  const base = "/wp-json/wc/v3/products";

  app.get(base, async (request, reply) => {
    const q = query(request);
    const inRange = dateFilter(ctx.clock, q);
    const skus = q.sku === undefined ? null : new Set(q.sku.split(",").map((s) => s.trim()));
    if (q.type !== undefined && !TYPES.includes(q.type)) {
      throw invalidParam("type", `type is not one of ${TYPES.join(", ")}.`);
    }
    const items = [...ctx.store.products.values()]
      .filter(
        (p) =>
          inRange(p) &&
          (skus === null || skus.has(ctx.store.items.get(p.id)?.sku ?? p.sku)) &&
          (q.type === undefined || p.kind === q.type),
      )
      .sort(sorter<StoreProduct>(q, (p) => p.name));
    return sendPage(request, reply, ctx.siteUrl, items, (p) => productJson(ctx, p));
  });

  app.get(`${base}/:id`, async (request) => {
    const id = idParam(request);
    const variation = ctx.store.items.get(id);
    // `/products/{id}` also answers for a variation id, as core does.
    if (variation && variation.id !== variation.productId) return variationJson(ctx, variation);
    return productJson(ctx, productById(ctx.store, id, 404));
  });

  app.put(`${base}/:id`, async (request) => {
    const product = productById(ctx.store, idParam(request), 400);
    applyItemChanges(ctx.store, product, (request.body ?? {}) as ItemChanges);
    return productJson(ctx, product);
  });

  app.get(`${base}/:id/variations`, async (request, reply) => {
    const product = productById(ctx.store, idParam(request), 404);
    const q = query(request);
    const inRange = dateFilter(ctx.clock, q);
    const skus = q.sku === undefined ? null : new Set(q.sku.split(",").map((s) => s.trim()));
    const items = (product.hasOptions ? ctx.store.itemsOf(product) : [])
      .filter((v) => inRange(v) && (skus === null || skus.has(v.sku)))
      .sort(sorter<StoreItem>(q, (v) => v.sku));
    return sendPage(request, reply, ctx.siteUrl, items, (v) => variationJson(ctx, v));
  });

  app.get(`${base}/:productId/variations/:id`, async (request) =>
    variationJson(ctx, variationById(ctx.store, idParam(request, "productId"), idParam(request), 404)),
  );

  app.put(`${base}/:productId/variations/:id`, async (request) => {
    const variation = variationById(ctx.store, idParam(request, "productId"), idParam(request), 400);
    applyItemChanges(ctx.store, variation, (request.body ?? {}) as ItemChanges);
    return variationJson(ctx, variation);
  });
}
