import { randomUUID } from "node:crypto";
import type { FastifyInstance } from "fastify";
import { type Filter, oneOf, serveResource } from "../../kit/resources.ts";
import type { StoreItem, StoreLocation } from "../../kit/store/records.ts";
import { v3NotFound } from "../errors.ts";
import { resolveAbsoluteAdjustment } from "../inventory-ops.ts";
import { inventoryItemJson, locationJson } from "../shapes.ts";
import { trackingOf } from "../store.ts";
import { type BcContext, listFilter, V3, v3Paging } from "./common.ts";

/** Inventory item pages: default 50 (a guess), at most 1,000 ("Limit of 1000 items", inventory.v3.yml). */
export const INVENTORY_LIMITS = { defaultPerPage: 50, maxPerPage: 1000 } as const;

const ITEM_FILTERS: Readonly<Record<string, Filter<StoreItem>>> = {
  "sku:in": oneOf((v) => v.sku),
  "variant_id:in": oneOf((v) => v.id),
  "product_id:in": oneOf((v) => v.productId),
};

/**
 * The Inventory API: items across locations (`sku:in`, `variant_id:in`, `product_id:in`,
 * `location_id:in`), items at one location, locations, and absolute adjustments. Adjustments
 * apply before the answer (BigCommerce applies them asynchronously, shortly after).
 */
export function registerInventoryRoutes(app: FastifyInstance, ctx: BcContext): void {
  const { store } = ctx;
  const paging = v3Paging(INVENTORY_LIMITS);
  /** Items are the tracked variants: a product tracked by product is its base variant. */
  const items = () =>
    [...store.items.values()].filter((v) => trackingOf(store, store.productOf(v)) !== "none");
  const byId = (a: { id: number }, b: { id: number }) => a.id - b.id;
  const locations = (q: Record<string, string | undefined>) => {
    const ids = listFilter(q, "location_id:in");
    return [...store.locations.values()].filter((l) => ids === null || ids.has(String(l.id)));
  };

  serveResource<StoreItem>(app, {
    path: `${V3}/inventory/items`,
    paging,
    list: items,
    filters: ITEM_FILTERS,
    sort: () => byId,
    render: (v, call) => inventoryItemJson(ctx, v, locations(call.q)),
  });

  const location = (id: number) => {
    const found = store.locations.get(id);
    if (!found) throw v3NotFound();
    return found;
  };
  serveResource<StoreItem>(app, {
    path: `${V3}/inventory/locations/:id/items`,
    itemParam: "itemId",
    paging,
    list(call) {
      location(call.id());
      return items();
    },
    filters: ITEM_FILTERS,
    sort: () => byId,
    render(v, call) {
      const { identity, locations } = inventoryItemJson(ctx, v, [location(call.id())]);
      const { available_to_sell, total_inventory_onhand, settings } =
        locations[0] as (typeof locations)[number];
      return { identity, available_to_sell, total_inventory_onhand, settings };
    },
  });

  serveResource<StoreLocation>(app, {
    path: `${V3}/inventory/locations`,
    paging: v3Paging(),
    list: () => store.locations.values(),
    filters: { "location_id:in": oneOf((l) => l.id) },
    render: (l) => locationJson(l),
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
