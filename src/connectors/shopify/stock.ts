import type { StockLevel, StockWrite, StockWriteResult } from "../contract.ts";
import { PlatformDeferred, PlatformError } from "../http/index.ts";
import {
  type SetQuantitiesUserError,
  type StockItemNode,
  setQuantitiesSchema,
  stockSchema,
} from "./catalog-schema.ts";
import type { GraphqlClient } from "./client.ts";
import { SET_QUANTITIES_MUTATION } from "./mutations.ts";
import { STOCK_QUERY } from "./queries.ts";

/** Shopify's input-array limit, and the most `nodes(ids:)` this read asks for (3 points each: 750). */
export const MAX_STOCK_BATCH = 250;

const STALE = "CHANGE_FROM_QUANTITY_STALE";

/** `available` per (inventory item, location); items not stocked at the location are left out. */
export async function readStock(
  client: GraphqlClient,
  items: { inventoryItemId: string; locationId: string }[],
): Promise<StockLevel[]> {
  const byLocation = new Map<string, Set<string>>();
  for (const item of items) {
    const ids = byLocation.get(item.locationId) ?? new Set<string>();
    ids.add(item.inventoryItemId);
    byLocation.set(item.locationId, ids);
  }
  const levels: StockLevel[] = [];
  for (const [locationId, idSet] of byLocation) {
    const ids = [...idSet];
    for (let start = 0; start < ids.length; start += MAX_STOCK_BATCH) {
      const chunk = ids.slice(start, start + MAX_STOCK_BATCH);
      const data = await client.run(STOCK_QUERY, { ids: chunk, locationId }, stockSchema, "stock");
      for (const node of data.nodes) {
        const level = node && "id" in node ? toLevel(node as StockItemNode, locationId) : null;
        if (level) levels.push(level);
      }
    }
  }
  return levels;
}

function toLevel(node: StockItemNode, locationId: string): StockLevel | null {
  const available = node.inventoryLevel?.quantities.find((quantity) => quantity.name === "available");
  if (!available) return null;
  return { inventoryItemId: node.id, locationId, sku: node.sku ?? null, quantity: available.quantity };
}

/**
 * Batches of at most 250 in which no (item, location) pair repeats (Shopify refuses duplicates); a
 * repeated pair goes to a later batch than its previous write, so writes still apply in order.
 */
export function stockBatches(writes: StockWrite[]): StockWrite[][] {
  const batches: StockWrite[][] = [];
  const lastBatchOf = new Map<string, number>();
  const full = (index: number) => (batches[index]?.length ?? 0) >= MAX_STOCK_BATCH;
  let firstOpen = 0;
  for (const write of writes) {
    const pair = `${write.inventoryItemId}|${write.locationId}`;
    let index = Math.max(firstOpen, (lastBatchOf.get(pair) ?? -1) + 1);
    while (full(index)) index++;
    const batch = batches[index] ?? [];
    batches[index] = batch;
    batch.push(write);
    lastBatchOf.set(pair, index);
    while (full(firstOpen)) firstOpen++;
  }
  return batches;
}

/** `["input", "quantities", "3", "changeFromQuantity"]` → 3. */
function rowOf(error: SetQuantitiesUserError): number | null {
  const field = error.field ?? [];
  const index = field[1] === "quantities" ? Number(field[2]) : Number.NaN;
  return Number.isInteger(index) ? index : null;
}

/**
 * Absolute `available` quantities with compare-and-set, ≤ 250 per call. Shopify applies a call all
 * or nothing: when a row is stale (or wrong) the whole call is refused, so the stale rows come back
 * `stale` with the quantity re-read now, rows with their own error `failed` for good, and the
 * innocent rest `failed` + retryable so the engine resends them.
 */
export async function writeStock(
  client: GraphqlClient,
  writes: StockWrite[],
  idempotencyKey: string,
): Promise<StockWriteResult[]> {
  const results = new Map<StockWrite, StockWriteResult>();
  for (const [index, batch] of stockBatches(writes).entries()) {
    const outcome = await writeBatch(client, batch, `${idempotencyKey}:${index}`);
    for (const [row, write] of batch.entries()) results.set(write, outcome[row] as StockWriteResult);
  }
  return writes.map((write) => results.get(write) as StockWriteResult);
}

async function writeBatch(
  client: GraphqlClient,
  batch: StockWrite[],
  key: string,
): Promise<StockWriteResult[]> {
  const input = {
    name: "available",
    reason: "correction",
    referenceDocumentUri: `gid://stockwire/StockExport/${encodeURIComponent(key)}`,
    quantities: batch.map((write) => ({
      inventoryItemId: write.inventoryItemId,
      locationId: write.locationId,
      quantity: write.quantity,
      changeFromQuantity: write.compareQuantity,
    })),
  };
  let payload: Awaited<ReturnType<typeof runSet>>;
  try {
    payload = await runSet(client, input, key);
  } catch (error) {
    // A deferred call is the whole write waiting for the platform, not a refusal of its rows.
    if (!(error instanceof PlatformError) || error instanceof PlatformDeferred) throw error;
    return batch.map((write) => ({
      sku: write.sku,
      status: "failed",
      retryable: error.retryable,
      message: error.message,
    }));
  }
  const errors = payload?.userErrors ?? [];
  if (errors.length === 0)
    return batch.map((write) => ({ sku: write.sku, status: "ok", quantity: write.quantity }));

  const byRow = new Map<number, SetQuantitiesUserError>();
  const general: SetQuantitiesUserError[] = [];
  for (const error of errors) {
    const row = rowOf(error);
    if (row === null || row >= batch.length) general.push(error);
    else if (!byRow.has(row) || error.code === STALE) byRow.set(row, error);
  }
  const staleRows = batch.filter((_, row) => byRow.get(row)?.code === STALE);
  const actual = await readActual(client, staleRows);
  const refusal = general.map((error) => error.message).join(" ");
  return batch.map((write, row): StockWriteResult => {
    const own = byRow.get(row);
    if (own?.code === STALE) {
      const quantity = actual.get(`${write.inventoryItemId}|${write.locationId}`);
      return { sku: write.sku, status: "stale", actualQuantity: quantity ?? null, message: own.message };
    }
    if (own) return { sku: write.sku, status: "failed", retryable: false, message: own.message };
    if (general.length > 0) return { sku: write.sku, status: "failed", retryable: false, message: refusal };
    return {
      sku: write.sku,
      status: "failed",
      retryable: true,
      message: "Shopify refused the whole batch because another row in it was refused; send it again",
    };
  });
}

function runSet(client: GraphqlClient, input: Record<string, unknown>, key: string) {
  return client
    .run(SET_QUANTITIES_MUTATION, { input, key }, setQuantitiesSchema, "stock")
    .then((data) => data.inventorySetQuantities);
}

async function readActual(client: GraphqlClient, writes: StockWrite[]): Promise<Map<string, number>> {
  if (writes.length === 0) return new Map();
  const levels = await readStock(client, writes);
  return new Map(levels.map((level) => [`${level.inventoryItemId}|${level.locationId}`, level.quantity]));
}
