import type { ConnectorEnv, StockLevel, StockWrite, StockWriteResult } from "../contract.ts";
import { PlatformError } from "../http/index.ts";
import type { WooClient } from "./client.ts";
import { type HandedOrders, unimportedSales } from "./in-flight.ts";
import { parseItemId } from "./map.ts";
import { batchAnswerSchema, stockItemSchema } from "./schemas.ts";

const V3 = "wc/v3";
/** `woocommerce_rest_batch_items_limit`: create + update + delete in one request. */
export const MAX_BATCH = 100;
/** WooCommerce has one stock figure per item: one location. */
export const STORE_LOCATION = { id: "store", name: "Store", active: true };
const READ_CONCURRENCY = 8;

/** `/products/{id}` answers for variations too; untracked or deleted items are left out. */
export async function readStock(
  client: WooClient,
  items: { inventoryItemId: string; locationId: string }[],
): Promise<StockLevel[]> {
  const levels: StockLevel[] = [];
  for (let i = 0; i < items.length; i += READ_CONCURRENCY) {
    const slice = items.slice(i, i + READ_CONCURRENCY);
    const read = await Promise.all(
      slice.map(async (item) => {
        const { productId, variationId } = parseItemId(item.inventoryItemId);
        try {
          const answer = await client.call(
            "GET",
            `${V3}/products/${variationId ?? productId}`,
            stockItemSchema,
            {
              priority: "stock",
            },
          );
          if (answer.manage_stock !== true || answer.stock_quantity === null) return null;
          // Negative stock stays negative: the store oversold, and the hub must show it.
          return {
            inventoryItemId: item.inventoryItemId,
            locationId: item.locationId,
            sku: answer.sku,
            quantity: answer.stock_quantity,
          };
        } catch (error) {
          if (error instanceof PlatformError && error.status === 404) return null;
          throw error;
        }
      }),
    );
    for (const level of read) if (level) levels.push(level);
  }
  return levels;
}

type Group = { path: string; writes: (StockWrite & { id: number })[] };

function groups(writes: StockWrite[]): Group[] {
  const byPath = new Map<string, Group>();
  for (const write of writes) {
    const { productId, variationId } = parseItemId(write.inventoryItemId);
    const path =
      variationId === null ? `${V3}/products/batch` : `${V3}/products/${productId}/variations/batch`;
    const group = byPath.get(path) ?? { path, writes: [] };
    group.writes.push({ ...write, id: variationId ?? productId });
    byPath.set(path, group);
  }
  return [...byPath.values()];
}

export type InFlightGuard = { handed: HandedOrders; nowMs: number; logger: ConnectorEnv["logger"] };

/**
 * Read-before-write for items with an order in flight (README: the oversell window): the hub's
 * quantity less the units of WooCommerce orders it has not imported yet, so the push keeps those
 * sales; nothing is written when WooCommerce already shows the hub's figure or the kept one.
 */
async function keepInFlightSales(
  client: WooClient,
  writes: StockWrite[],
  guard: InFlightGuard,
): Promise<{ send: StockWrite[]; done: StockWriteResult[] }> {
  const sales = await unimportedSales(client, writes, guard.handed, guard.nowMs);
  if (sales.size === 0) return { send: writes, done: [] };
  const items = [...sales.keys()].map((w) => ({
    inventoryItemId: w.inventoryItemId,
    locationId: w.locationId,
  }));
  const current = new Map((await readStock(client, items)).map((l) => [l.inventoryItemId, l.quantity]));
  const send: StockWrite[] = [];
  const done: StockWriteResult[] = [];
  for (const write of writes) {
    const sale = sales.get(write);
    const now = current.get(write.inventoryItemId);
    if (!sale) send.push(write);
    else if (now === write.quantity) done.push({ sku: write.sku, status: "ok", quantity: now });
    else {
      const kept = Math.max(0, write.quantity - sale.quantity);
      guard.logger.info(
        { sku: write.sku, hub: write.quantity, woocommerce: now, kept, orders: sale.orders },
        "WooCommerce orders not imported yet hold this stock: the push keeps their sales",
      );
      if (now === kept) done.push({ sku: write.sku, status: "ok", quantity: kept });
      else send.push({ ...write, quantity: kept });
    }
  }
  return { send, done };
}

/**
 * Absolute quantities through `/products/batch` and `/products/{id}/variations/batch`, at most 100
 * items a request. An item WooCommerce refuses fails that SKU alone; an item whose stock is not
 * managed comes back with `stock_quantity: null` (WooCommerce drops the value silently) and fails
 * too, saying why. No compare-and-set exists: writes are last-write-wins (README: oversell window).
 */
export async function writeStock(
  client: WooClient,
  writes: StockWrite[],
  guard?: InFlightGuard,
): Promise<StockWriteResult[]> {
  const { send, done } = guard ? await keepInFlightSales(client, writes, guard) : { send: writes, done: [] };
  const results: StockWriteResult[] = [...done];
  for (const group of groups(send)) {
    for (let i = 0; i < group.writes.length; i += MAX_BATCH) {
      const chunk = group.writes.slice(i, i + MAX_BATCH);
      const answer = await client.call("POST", group.path, batchAnswerSchema, {
        body: { update: chunk.map((w) => ({ id: w.id, stock_quantity: w.quantity })) },
        priority: "stock",
      });
      chunk.forEach((write, index) => {
        const slot = answer.update[index];
        if (!slot || slot.id !== write.id) {
          results.push({
            sku: write.sku,
            status: "failed",
            retryable: true,
            message: "WooCommerce did not answer for this item",
          });
        } else if (slot.error) {
          results.push({
            sku: write.sku,
            status: "failed",
            retryable: false,
            message: `${slot.error.code}: ${slot.error.message}`,
          });
        } else if (slot.stock_quantity === null || slot.stock_quantity === undefined) {
          results.push({
            sku: write.sku,
            status: "failed",
            retryable: false,
            message: "stock is not managed for this item on WooCommerce (manage_stock off)",
          });
        } else {
          results.push({ sku: write.sku, status: "ok", quantity: slot.stock_quantity });
        }
      });
    }
  }
  return results;
}
