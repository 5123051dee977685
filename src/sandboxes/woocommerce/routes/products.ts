import type { FastifyInstance } from "fastify";
import { applyItemChanges, type ItemChanges, productById, variationById } from "../catalog-ops.ts";
import { invalidParam } from "../errors.ts";
import { productJson, type ShapeContext, variationJson } from "../shapes.ts";
import type { WooProduct, WooVariation } from "../store.ts";
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
          inRange(p) && (skus === null || skus.has(p.sku)) && (q.type === undefined || p.type === q.type),
      )
      .sort(sorter<WooProduct>(q, (p) => p.name));
    return sendPage(request, reply, ctx.siteUrl, items, (p) => productJson(ctx, p));
  });

  app.get(`${base}/:id`, async (request) => {
    const id = idParam(request);
    const variation = ctx.store.variations.get(id);
    // `/products/{id}` also answers for a variation id, as core does.
    if (variation) return variationJson(ctx, variation);
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
    const items = product.variationIds
      .map((id) => ctx.store.variations.get(id))
      .filter((v): v is WooVariation => v !== undefined && inRange(v) && (skus === null || skus.has(v.sku)))
      .sort(sorter<WooVariation>(q, (v) => v.sku));
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
