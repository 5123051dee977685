import type { FastifyInstance } from "fastify";
import { WooError } from "../errors.ts";
import { applyItemChanges, type ItemChanges, productById, variationById } from "../ops.ts";
import { productJson, type ShapeContext, variationJson } from "../shapes.ts";
import { idParam } from "./listing.ts";

/** `woocommerce_rest_batch_items_limit` default: create + update + delete together. */
export const BATCH_LIMIT = 100;

interface BatchBody {
  readonly create?: unknown[];
  readonly update?: unknown[];
  readonly delete?: unknown[];
}

type ItemResult = Record<string, unknown>;

function perItem(id: unknown, run: () => ItemResult): ItemResult {
  try {
    return run();
  } catch (error) {
    if (!(error instanceof WooError)) throw error;
    // One bad item never fails the batch: core puts the WP_Error in that item's slot.
    return { id: typeof id === "number" ? id : Number(id) || 0, error: error.body };
  }
}

function checkLimit(body: BatchBody): void {
  const total = (body.create?.length ?? 0) + (body.update?.length ?? 0) + (body.delete?.length ?? 0);
  if (total > BATCH_LIMIT) {
    throw new WooError(
      413,
      "woocommerce_rest_request_entity_too_large",
      `Unable to accept more than ${BATCH_LIMIT} items for this request.`,
    );
  }
}

/** Creating and deleting catalogue items is not modelled; each such item gets an error in its slot. */
const notModelled = (action: "create" | "delete") =>
  new WooError(
    400,
    `woocommerce_rest_cannot_${action}`,
    `The sandbox does not ${action} catalogue items over the API.`,
  );

/**
 * `POST /products/batch` and `/products/{id}/variations/batch`: updates run item by item with
 * per-item errors in the item's slot, as core's WC_REST_Controller::batch_items does.
 */
export function registerBatchRoutes(app: FastifyInstance, ctx: ShapeContext): void {
  app.post("/wp-json/wc/v3/products/batch", async (request) => {
    const body = (request.body ?? {}) as BatchBody;
    checkLimit(body);
    const result: Record<string, ItemResult[]> = {};
    if (body.create) result.create = body.create.map(() => ({ id: 0, error: notModelled("create").body }));
    if (body.update) {
      result.update = body.update.map((item) => {
        const changes = (item ?? {}) as ItemChanges & { id?: unknown };
        return perItem(changes.id, () => {
          const product = productById(ctx.store, Number(changes.id) || 0, 400);
          applyItemChanges(ctx.store, product, changes);
          return productJson(ctx, product);
        });
      });
    }
    if (body.delete) result.delete = body.delete.map((id) => ({ id, error: notModelled("delete").body }));
    return result;
  });

  app.post("/wp-json/wc/v3/products/:productId/variations/batch", async (request) => {
    const body = (request.body ?? {}) as BatchBody;
    checkLimit(body);
    const productId = idParam(request, "productId");
    productById(ctx.store, productId, 404);
    const result: Record<string, ItemResult[]> = {};
    if (body.create) result.create = body.create.map(() => ({ id: 0, error: notModelled("create").body }));
    if (body.update) {
      result.update = body.update.map((item) => {
        const changes = (item ?? {}) as ItemChanges & { id?: unknown };
        return perItem(changes.id, () => {
          const variation = variationById(ctx.store, productId, Number(changes.id) || 0, 400);
          applyItemChanges(ctx.store, variation, changes);
          return variationJson(ctx, variation);
        });
      });
    }
    if (body.delete) result.delete = body.delete.map((id) => ({ id, error: notModelled("delete").body }));
    return result;
  });
}
