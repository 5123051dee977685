import { randomUUID } from "node:crypto";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { StoreItem, StoreLocation } from "../../kit/store/records.ts";
import { v3NotFound } from "../errors.ts";
import { resolveAbsoluteAdjustment } from "../inventory-ops.ts";
import { inventoryItemJson, locationJson } from "../shapes.ts";
import { trackingOf } from "../store.ts";
import { type BcContext, idParam, listFilter, query, V3, v3Page } from "./common.ts";

/** Inventory item pages: default 50 (a guess), at most 1,000 ("Limit of 1000 items", inventory.v3.yml). */
export const INVENTORY_LIMITS = { defaultPerPage: 50, maxPerPage: 1000 } as const;

/**
 * The Inventory API: items across locations (`sku:in`, `variant_id:in`, `product_id:in`,
 * `location_id:in`), items at one location, locations, and absolute adjustments. Adjustments
 * apply before the answer (BigCommerce applies them asynchronously, shortly after).
 */
export function registerInventoryRoutes(app: FastifyInstance, ctx: BcContext): void {
  const { store } = ctx;

  /** Items are the tracked variants: a product tracked by product is its base variant. */
  const items = (request: FastifyRequest): StoreItem[] => {
    const q = query(request);
    const skus = listFilter(q, "sku:in");
    const variantIds = listFilter(q, "variant_id:in");
    const productIds = listFilter(q, "product_id:in");
    return [...store.items.values()]
      .filter(
        (v) =>
          trackingOf(store, store.productOf(v)) !== "none" &&
          (skus === null || skus.has(v.sku)) &&
          (variantIds === null || variantIds.has(String(v.id))) &&
          (productIds === null || productIds.has(String(v.productId))),
      )
      .sort((a, b) => a.id - b.id);
  };

  app.get(`${V3}/inventory/items`, async (request) => {
    const locationIds = listFilter(query(request), "location_id:in");
    const locations = [...store.locations.values()].filter(
      (l) => locationIds === null || locationIds.has(String(l.id)),
    );
    return v3Page(request, items(request), INVENTORY_LIMITS, (v: StoreItem) =>
      inventoryItemJson(ctx, v, locations),
    );
  });

  app.get(`${V3}/inventory/locations/:id/items`, async (request) => {
    const location = store.locations.get(idParam(request));
    if (!location) throw v3NotFound();
    return v3Page(request, items(request), INVENTORY_LIMITS, (v: StoreItem) => {
      const { identity, locations } = inventoryItemJson(ctx, v, [location]);
      const { available_to_sell, total_inventory_onhand, settings } =
        locations[0] as (typeof locations)[number];
      return { identity, available_to_sell, total_inventory_onhand, settings };
    });
  });

  app.get(`${V3}/inventory/locations`, async (request) => {
    const ids = listFilter(query(request), "location_id:in");
    const locations = [...store.locations.values()].filter((l) => ids === null || ids.has(String(l.id)));
    return v3Page(request, locations, { defaultPerPage: 50, maxPerPage: 250 }, (l: StoreLocation) =>
      locationJson(l),
    );
  });

  app.put(`${V3}/inventory/adjustments/absolute`, async (request) => absoluteAdjustment(ctx, request.body));
}

/** `PUT /v3/inventory/adjustments/absolute`: all items or none; 200 with a transaction id. */
export function absoluteAdjustment(ctx: BcContext, body: unknown): { transaction_id: string } {
  const adjustments = resolveAbsoluteAdjustment(ctx.store, body);
  for (const a of adjustments)
    for (const v of a.variants) ctx.store.setStock(v, a.locationId, a.quantity, "manual");
  return { transaction_id: randomUUID() };
}
