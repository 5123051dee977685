import { z } from "zod";
import type { StockLevel, StockWrite, StockWriteResult } from "../contract.ts";
import { PlatformDeferred, PlatformError } from "../http/index.ts";
import { type BatchAnswer, batchesWithoutRepeats, sendSplittingRefusals } from "../kit/batches.ts";
import { everyPage } from "../kit/channel.ts";
import { type InFlightGuard, narrowOversell } from "../kit/in-flight.ts";
import { type BigCommerceClient, v3Page } from "./client.ts";
import { recentBigCommerceOrders } from "./in-flight.ts";
import { type InventoryItemRef, parseInventoryItemId } from "./map-product.ts";
import { inventoryItemSchema } from "./schemas.ts";

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
      const query = { [`${by}:in`]: chunk.join(","), "location_id:in": locations.join(","), limit: 1000 };
      const entries = await everyPage((page) =>
        v3Page(client, "/v3/inventory/items", { ...query, page }, inventoryItemSchema, "stock"),
      );
      for (const entry of entries) {
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
    }
  }
  return levels;
}

type Prepared = { write: StockWrite; item: Record<string, number> };

/**
 * Absolute on-hand quantities through `PUT /v3/inventory/adjustments/absolute`, ≤ 2,000 items a
 * payload in which no (item, location) repeats. BigCommerce has no compare-and-set here
 * (`compareQuantity` is not sent). It refuses a whole payload when one item is bad, so a 422 is
 * split (kit: `sendSplittingRefusals`): the items it names fail alone and the rest goes again.
 * With a `guard`, items held by orders the hub has not imported yet keep those sales (README).
 */
export async function writeStock(
  client: BigCommerceClient,
  all: StockWrite[],
  guard?: InFlightGuard,
): Promise<StockWriteResult[]> {
  const { send: writes, done } = await narrowOversell(all, guard, recentBigCommerceOrders(client), (held) =>
    readStock(client, held),
  );
  const results = new Map<StockWrite, StockWriteResult>();
  const failed = (write: StockWrite, retryable: boolean, message: string) =>
    results.set(write, { sku: write.sku, status: "failed", retryable, message });
  const prepared: Prepared[] = [];
  for (const write of writes) {
    const ref = parseInventoryItemId(write.inventoryItemId);
    if (!ref || !/^\d+$/.test(write.locationId)) {
      failed(
        write,
        false,
        `not a BigCommerce inventory item (${write.inventoryItemId} at ${write.locationId}); pair the products again`,
      );
      continue;
    }
    const item = {
      location_id: Number(write.locationId),
      [ref.by]: ref.id,
      quantity: Math.max(0, write.quantity),
    };
    prepared.push({ write, item });
  }
  const outcome = {
    accepted: (batch: Prepared[]) => {
      for (const p of batch)
        results.set(p.write, { sku: p.write.sku, status: "ok", quantity: p.item.quantity as number });
    },
    refused: (p: Prepared, reason: string) =>
      failed(p.write, false, `BigCommerce refused the stock of SKU ${p.write.sku}: ${reason}`),
  };
  for (const batch of batchesWithoutRepeats(
    prepared,
    MAX_STOCK_BATCH,
    (p) => `${p.write.inventoryItemId}|${p.write.locationId}`,
  )) {
    try {
      await sendSplittingRefusals(batch, (some) => sendAdjustments(client, some), outcome);
    } catch (error) {
      // A deferred call is the whole write waiting for the platform, not a refusal of its items.
      if (!(error instanceof PlatformError) || error instanceof PlatformDeferred) throw error;
      for (const p of batch) if (!results.has(p.write)) failed(p.write, error.retryable, error.message);
    }
  }
  return [...done, ...writes.map((write) => results.get(write) as StockWriteResult)];
}

async function sendAdjustments(client: BigCommerceClient, batch: Prepared[]): Promise<BatchAnswer<Prepared>> {
  const answer = await client.sendAllowingRefusal(
    "PUT",
    "/v3/inventory/adjustments/absolute",
    { reason: "Stockwire stock sync", items: batch.map((p) => p.item) },
    "stock",
  );
  if (answer.status !== 422) return { accepted: true };
  const refusal = refusalOf(answer.body);
  const named = batch.filter(
    (p, index) => refusal.indices.has(index) || refusal.identities.some((id) => names(p, id)),
  );
  return { accepted: false, named, reason: refusal.text };
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
