import type { FastifyInstance } from "fastify";
import { oneOf, serveResource } from "../../kit/resources.ts";
import type { StoreItem, StoreProduct } from "../../kit/store/records.ts";
import { invalidParam, WooError } from "../errors.ts";
import { applyItemChanges, type ItemChanges, productById, variationById } from "../ops.ts";
import { productJson, type ShapeContext, variationJson } from "../shapes.ts";
import { dateFilter, idParam, sorter, wooPaging } from "./listing.ts";

const TYPES = ["simple", "grouped", "external", "variable", "bundle"];

/** `woocommerce_rest_batch_items_limit` default: create + update + delete together. */
export const BATCH_LIMIT = 100;

/**
 * Batches run item by item, one bad item never failing the batch: core puts the WP_Error in that
 * item's slot (WC_REST_Controller::batch_items). Creating and deleting catalogue items is not modelled.
 */
const batch = {
  limit: BATCH_LIMIT,
  tooLarge: (limit: number) =>
    new WooError(
      413,
      "woocommerce_rest_request_entity_too_large",
      `Unable to accept more than ${limit} items for this request.`,
    ),
  itemError: (error: unknown) => (error instanceof WooError ? error.body : undefined),
  refused: (action: "create" | "delete") =>
    new WooError(
      400,
      `woocommerce_rest_cannot_${action}`,
      `The sandbox does not ${action} catalogue items over the API.`,
    ),
};

const status = (purpose: "read" | "write") => (purpose === "read" ? 404 : 400);

/** Products and their variations (`/wp-json/wc/v3/products…`): list, read, update, batch update. */
export function registerCatalogRoutes(app: FastifyInstance, ctx: ShapeContext): void {
  const { store, clock } = ctx;
  const base = "/wp-json/wc/v3/products";
  const paging = wooPaging(() => ctx.siteUrl);
  const apply = (target: StoreProduct | StoreItem, changes: Record<string, unknown>) =>
    applyItemChanges(store, target, changes as ItemChanges);

  // Before the table's routes: `/products/{id}` also answers for a variation id, as core does.
  app.get(`${base}/:id`, async (request) => {
    const variation = store.items.get(idParam(request));
    if (variation && variation.id !== variation.productId) return variationJson(ctx, variation);
    return productJson(ctx, productById(store, idParam(request), 404));
  });

  serveResource<StoreProduct>(app, {
    path: base,
    paging,
    list: () => store.products.values(),
    filters: {
      sku: oneOf((p) => store.items.get(p.id)?.sku ?? p.sku),
      type: (value) => {
        if (!TYPES.includes(value)) throw invalidParam("type", `type is not one of ${TYPES.join(", ")}.`);
        return (p) => p.kind === value;
      },
    },
    where: (q) => dateFilter(clock, q),
    sort: (q) => sorter<StoreProduct>(q, (p) => p.name),
    render: (p) => productJson(ctx, p),
    find: (call, purpose) => productById(store, call.id(), status(purpose)),
    get: false,
    update: (p, call) => apply(p, call.body),
    batch: { ...batch, find: (id) => productById(store, id, 400), apply },
  });

  const parent = (call: { id(name: string): number }) => call.id("productId");
  serveResource<StoreItem>(app, {
    path: `${base}/:productId/variations`,
    paging,
    list: (call) => {
      const product = productById(store, parent(call), 404);
      return product.hasOptions ? store.itemsOf(product) : [];
    },
    filters: { sku: oneOf((v) => v.sku) },
    where: (q) => dateFilter(clock, q),
    sort: (q) => sorter<StoreItem>(q, (v) => v.sku),
    render: (v) => variationJson(ctx, v),
    find: (call, purpose) => variationById(store, parent(call), call.id(), status(purpose)),
    update: (v, call) => apply(v, call.body),
    batch: {
      ...batch,
      before: (call) => productById(store, parent(call), 404),
      find: (id, call) => variationById(store, parent(call), id, 400),
      apply,
    },
  });
}
