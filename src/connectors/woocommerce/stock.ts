import type { StockLevel, StockWrite, StockWriteResult } from "../contract.ts";
import { orNullWhenMissing } from "../kit/channel.ts";
import { type InFlightGuard, narrowOversell } from "../kit/in-flight.ts";
import type { WooClient } from "./client.ts";
import { recentWooOrders } from "./in-flight.ts";
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
    const read = await Promise.all(
      items.slice(i, i + READ_CONCURRENCY).map(async (item): Promise<StockLevel | null> => {
        const { productId, variationId } = parseItemId(item.inventoryItemId);
        const answer = await orNullWhenMissing(() =>
          client.call("GET", `${V3}/products/${variationId ?? productId}`, stockItemSchema, {
            priority: "stock",
          }),
        );
        if (answer?.manage_stock !== true || answer.stock_quantity === null) return null;
        // Negative stock stays negative: the store oversold, and the hub must show it.
        return { ...item, sku: answer.sku, quantity: answer.stock_quantity };
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

function outcome(
  write: StockWrite & { id: number },
  slot: (typeof batchAnswerSchema)["_output"]["update"][number] | undefined,
): StockWriteResult {
  const failed = (retryable: boolean, message: string) => ({
    sku: write.sku,
    status: "failed" as const,
    retryable,
    message,
  });
  if (!slot || slot.id !== write.id) return failed(true, "WooCommerce did not answer for this item");
  if (slot.error) return failed(false, `${slot.error.code}: ${slot.error.message}`);
  if (slot.stock_quantity === null || slot.stock_quantity === undefined)
    return failed(false, "stock is not managed for this item on WooCommerce (manage_stock off)");
  return { sku: write.sku, status: "ok", quantity: slot.stock_quantity };
}

/**
 * Absolute quantities through `/products/batch` and `/products/{id}/variations/batch`, at most 100
 * items a request. An item WooCommerce refuses fails that SKU alone; an item whose stock is not
 * managed comes back with `stock_quantity: null` (WooCommerce drops the value silently) and fails
 * too, saying why. No compare-and-set exists: with a `guard`, items held by orders the hub has not
 * imported yet keep those sales (README: the oversell window).
 */
export async function writeStock(
  client: WooClient,
  writes: StockWrite[],
  guard?: InFlightGuard,
): Promise<StockWriteResult[]> {
  const { send, done } = await narrowOversell(writes, guard, recentWooOrders(client), (held) =>
    readStock(client, held),
  );
  const results: StockWriteResult[] = [...done];
  for (const group of groups(send)) {
    for (let i = 0; i < group.writes.length; i += MAX_BATCH) {
      const chunk = group.writes.slice(i, i + MAX_BATCH);
      const answer = await client.call("POST", group.path, batchAnswerSchema, {
        body: { update: chunk.map((w) => ({ id: w.id, stock_quantity: w.quantity })) },
        priority: "stock",
      });
      for (const [index, write] of chunk.entries()) results.push(outcome(write, answer.update[index]));
    }
  }
  return results;
}
