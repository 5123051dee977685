import { z } from "zod";
import type { StockLevel, StockWrite, StockWriteResult } from "../contract.ts";
import { PlatformDeferred, PlatformError } from "../http/index.ts";
import type { BigCommerceClient } from "./client.ts";
import { type InventoryItemRef, parseInventoryItemId } from "./map-product.ts";
import { inventoryItemSchema, v3List } from "./schemas.ts";

/** "Limit of 2000 items for payload length" (absolute adjustments). */
export const MAX_STOCK_BATCH = 2000;
/** Ids per inventory read, so the query string stays short; pages hold up to 1,000 items. */
const READ_CHUNK = 200;

type Item = { inventoryItemId: string; locationId: string };

/** On-hand units per (item, location) from `/v3/inventory/items`; items the store does not track are left out. */
export async function readStock(client: BigCommerceClient, items: Item[]): Promise<StockLevel[]> {
  const wanted = new Map<string, Set<string>>();
  for (const item of items) {
    if (!parseInventoryItemId(item.inventoryItemId) || !/^\d+$/.test(item.locationId)) continue;
    const set = wanted.get(item.inventoryItemId) ?? new Set<string>();
    set.add(item.locationId);
    wanted.set(item.inventoryItemId, set);
  }
  const locations = [...new Set([...wanted.values()].flatMap((s) => [...s]))];
  const refs = [...wanted.keys()].map((id) => parseInventoryItemId(id) as InventoryItemRef);
  const levels: StockLevel[] = [];
  for (const by of ["variant_id", "product_id"] as const) {
    const ids = refs.filter((r) => r.by === by).map((r) => r.id);
    for (let start = 0; start < ids.length; start += READ_CHUNK) {
      const chunk = ids.slice(start, start + READ_CHUNK);
      for (let page = 1; ; page++) {
        const query = new URLSearchParams({
          [`${by}:in`]: chunk.join(","),
          "location_id:in": locations.join(","),
          page: String(page),
          limit: "1000",
        });
        const answer = await client.get(`/v3/inventory/items?${query}`, v3List(inventoryItemSchema), "stock");
        for (const entry of answer.data) {
          const id =
            by === "product_id"
              ? `product:${entry.identity.product_id}`
              : `variant:${entry.identity.variant_id}`;
          for (const at of entry.locations) {
            if (!wanted.get(id)?.has(String(at.location_id))) continue;
            levels.push({
              inventoryItemId: id,
              locationId: String(at.location_id),
              sku: entry.identity.sku ?? null,
              quantity: at.total_inventory_onhand,
            });
          }
        }
        if (page >= (answer.meta.pagination?.total_pages ?? page)) break;
      }
    }
  }
  return levels;
}

/** Batches of at most 2,000 in which no (item, location) repeats, so writes still apply in order. */
export function stockBatches(writes: StockWrite[]): StockWrite[][] {
  const batches: { writes: StockWrite[]; pairs: Set<string> }[] = [];
  for (const write of writes) {
    const pair = `${write.inventoryItemId}|${write.locationId}`;
    const lastWithPair = batches.findLastIndex((b) => b.pairs.has(pair));
    let index = batches.findIndex((b, i) => i > lastWithPair && b.writes.length < MAX_STOCK_BATCH);
    if (index === -1) index = batches.push({ writes: [], pairs: new Set() }) - 1;
    const batch = batches[index] as (typeof batches)[number];
    batch.writes.push(write);
    batch.pairs.add(pair);
  }
  return batches.map((b) => b.writes);
}

type Prepared = { write: StockWrite; item: Record<string, number> };

/**
 * Absolute on-hand quantities through `PUT /v3/inventory/adjustments/absolute`. BigCommerce has
 * no compare-and-set here (`compareQuantity` is not sent). It refuses a whole payload when one item
 * is bad, so a 422 is split: items the answer names fail alone and the rest is sent again; when it
 * names none, the payload is halved until the bad item stands alone.
 */
export async function writeStock(
  client: BigCommerceClient,
  writes: StockWrite[],
): Promise<StockWriteResult[]> {
  const results = new Map<StockWrite, StockWriteResult>();
  const prepared: Prepared[] = [];
  for (const write of writes) {
    const ref = parseInventoryItemId(write.inventoryItemId);
    if (!ref || !/^\d+$/.test(write.locationId)) {
      results.set(write, {
        sku: write.sku,
        status: "failed",
        retryable: false,
        message: `not a BigCommerce inventory item (${write.inventoryItemId} at ${write.locationId}); pair the products again`,
      });
      continue;
    }
    const item = {
      location_id: Number(write.locationId),
      [ref.by]: ref.id,
      quantity: Math.max(0, write.quantity),
    };
    prepared.push({ write, item });
  }
  for (const batch of stockBatches(prepared.map((p) => p.write))) {
    const inBatch = prepared.filter((p) => batch.includes(p.write));
    await sendBatch(client, inBatch, results);
  }
  return writes.map((write) => results.get(write) as StockWriteResult);
}

async function sendBatch(
  client: BigCommerceClient,
  batch: Prepared[],
  results: Map<StockWrite, StockWriteResult>,
): Promise<void> {
  if (batch.length === 0) return;
  let answer: { status: number; body: unknown };
  try {
    answer = await client.sendAllowingRefusal(
      "PUT",
      "/v3/inventory/adjustments/absolute",
      { reason: "Stockwire stock sync", items: batch.map((p) => p.item) },
      "stock",
    );
  } catch (error) {
    // A deferred call is the whole write waiting for the platform, not a refusal of its items.
    if (!(error instanceof PlatformError) || error instanceof PlatformDeferred) throw error;
    for (const p of batch)
      results.set(p.write, {
        sku: p.write.sku,
        status: "failed",
        retryable: error.retryable,
        message: error.message,
      });
    return;
  }
  if (answer.status !== 422) {
    for (const p of batch)
      results.set(p.write, { sku: p.write.sku, status: "ok", quantity: p.item.quantity as number });
    return;
  }
  const refusal = refusalOf(answer.body);
  const named = batch.filter(
    (p, index) => refusal.indices.has(index) || refusal.identities.some((id) => names(p, id)),
  );
  if (named.length > 0 || batch.length === 1) {
    const bad = named.length > 0 ? named : batch;
    for (const p of bad)
      results.set(p.write, {
        sku: p.write.sku,
        status: "failed",
        retryable: false,
        message: `BigCommerce refused the stock of SKU ${p.write.sku}: ${refusal.text}`,
      });
    await sendBatch(
      client,
      batch.filter((p) => !bad.includes(p)),
      results,
    );
    return;
  }
  const half = Math.ceil(batch.length / 2);
  await sendBatch(client, batch.slice(0, half), results);
  await sendBatch(client, batch.slice(half), results);
}

const refusalSchema = z.object({
  title: z.string().default(""),
  errors: z.record(z.string(), z.unknown()).default({}),
});

/**
 * What a 422 names: `errors` keys such as `items.3.quantity`, and identities in the title
 * (`Items with identity: [variant_id 12, sku X] were not found`, `[Item with variant_id 12 is tracked by product …]`).
 */
function refusalOf(body: unknown): { text: string; indices: Set<number>; identities: string[] } {
  const parsed = refusalSchema.safeParse(body);
  if (!parsed.success)
    return { text: "the payload was refused (HTTP 422)", indices: new Set(), identities: [] };
  const { title, errors } = parsed.data;
  const indices = new Set(
    Object.keys(errors)
      .map((key) => /^items\.(\d+)/.exec(key)?.[1])
      .filter((i): i is string => i !== undefined)
      .map(Number),
  );
  const identities = [...title.matchAll(/(variant_id|product_id) (\d+)/g)].map((m) => `${m[1]} ${m[2]}`);
  const details = Object.values(errors).filter((v) => typeof v === "string");
  return { text: [title, ...details].filter(Boolean).join("; "), indices, identities };
}

function names(p: Prepared, identity: string): boolean {
  const [key, id] = identity.split(" ");
  return p.item[key as string] === Number(id);
}
