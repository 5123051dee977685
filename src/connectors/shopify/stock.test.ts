import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sessionFor, startShop } from "../../../test/helpers/shopify-session.ts";
import type { ShopifySandbox } from "../../sandboxes/shopify/index.ts";
import type { StockWrite } from "../contract.ts";
import type { ShopifySession } from "./session.ts";
import { stockBatches } from "./stock.ts";

let sandbox: ShopifySandbox;
let session: ShopifySession;

/** Tracked (item, location) pairs the sandbox stocks, with their SKU and current `available`. */
type Pair = { sku: string; inventoryItemId: string; locationId: string; available: number };
let pairs: Pair[] = [];

beforeAll(async () => {
  ({ sandbox, session } = await startShop({ seed: 31, products: 300, orders: 0, locations: 3 }));
  pairs = sandbox.store.variants.flatMap((variant) =>
    sandbox.store.itemOfVariant(variant).tracked
      ? sandbox.control.listInventory(variant.sku).map((level) => ({
          sku: variant.sku,
          inventoryItemId: level.inventoryItemId,
          locationId: level.locationId,
          available: level.available,
        }))
      : [],
  );
});
afterAll(() => sandbox.close());

const inventoryCalls = () => sandbox.control.callLog().byRootField.inventorySetQuantities ?? 0;
const availableAt = (pair: Pair) =>
  sandbox.control.listInventory(pair.sku).find((level) => level.locationId === pair.locationId)?.available;
let keys = 0;
const key = () => `test-${++keys}`;

function writesFor(chosen: Pair[], quantity: (pair: Pair) => number): StockWrite[] {
  return chosen.map((pair) => ({
    sku: pair.sku,
    inventoryItemId: pair.inventoryItemId,
    locationId: pair.locationId,
    quantity: quantity(pair),
    compareQuantity: availableAt(pair) ?? null,
  }));
}

describe("Shopify connector: stock", () => {
  it("reads `available` per item and location", async () => {
    const chosen = pairs.slice(0, 12);
    const levels = await session.readStock(chosen);
    expect(levels).toHaveLength(12);
    for (const pair of chosen) {
      expect(levels).toContainEqual({
        inventoryItemId: pair.inventoryItemId,
        locationId: pair.locationId,
        sku: pair.sku,
        quantity: availableAt(pair),
      });
    }
  });

  it("writes absolute quantities with compare-and-set", async () => {
    const chosen = pairs.slice(20, 25);
    const results = await session.writeStock(
      writesFor(chosen, (pair) => pair.available + 5),
      { idempotencyKey: key() },
    );
    expect(results.map((result) => result.status)).toEqual(["ok", "ok", "ok", "ok", "ok"]);
    for (const pair of chosen) expect(availableAt(pair)).toBe(pair.available + 5);
  });

  it("reports a write as stale with the quantity the shop holds now, and asks for the rest again", async () => {
    const chosen = pairs.slice(30, 33);
    const [target] = chosen;
    if (!target) throw new Error("seed too small");
    const [before] = await session.readStock([target]);
    const writes = writesFor(chosen, () => 50);
    sandbox.control.setInventory({
      sku: target.sku,
      locationId: target.locationId,
      quantity: (before?.quantity ?? 0) + 3,
    });
    const results = await session.writeStock(writes, { idempotencyKey: key() });
    expect(results[0]).toMatchObject({
      sku: target.sku,
      status: "stale",
      actualQuantity: (before?.quantity ?? 0) + 3,
    });
    expect(results.slice(1)).toEqual(
      chosen
        .slice(1)
        .map((pair) => expect.objectContaining({ sku: pair.sku, status: "failed", retryable: true })),
    );
    expect(availableAt(chosen[1] as Pair)).not.toBe(50);
  });

  it("fails a row Shopify refuses for good, without retry, and keeps the others retryable", async () => {
    const stocked = new Set(pairs.map((pair) => `${pair.inventoryItemId}|${pair.locationId}`));
    const locations = sandbox.store.locations.map(
      (location) => `gid://shopify/Location/${location.id + 64_000_000_000}`,
    );
    const missing = pairs
      .flatMap((pair) => locations.map((locationId) => ({ ...pair, locationId })))
      .find((pair) => !stocked.has(`${pair.inventoryItemId}|${pair.locationId}`));
    if (!missing) throw new Error("every item is stocked everywhere in this seed");
    const writes = [
      ...writesFor(pairs.slice(40, 41), () => 1),
      { ...missing, quantity: 4, compareQuantity: null },
    ];
    const results = await session.writeStock(writes, { idempotencyKey: key() });
    expect(results[0]).toMatchObject({ status: "failed", retryable: true });
    expect(results[1]).toMatchObject({ status: "failed", retryable: false, message: expect.any(String) });
  });

  it("sends 600 writes as three calls of at most 250", async () => {
    const chosen = pairs.slice(0, 600);
    expect(chosen).toHaveLength(600);
    const before = inventoryCalls();
    const results = await session.writeStock(
      writesFor(chosen, (pair) => pair.available + 1),
      { idempotencyKey: key() },
    );
    expect(inventoryCalls() - before).toBe(3);
    expect(results.filter((result) => result.status === "ok")).toHaveLength(600);
  });

  it("splits repeated (item, location) pairs into later batches, keeping their order", () => {
    const write = (id: string, quantity: number): StockWrite => ({
      sku: id,
      inventoryItemId: id,
      locationId: "L",
      quantity,
      compareQuantity: null,
    });
    const batches = stockBatches([write("a", 1), write("b", 1), write("a", 2), write("c", 1), write("a", 3)]);
    expect(batches.map((batch) => batch.map((w) => `${w.sku}${w.quantity}`))).toEqual([
      ["a1", "b1", "c1"],
      ["a2"],
      ["a3"],
    ]);
  });

  it("lands every write with zero failures when the shop throttles", async () => {
    // A slow refill (a call costs 11 points: nearly 3 s from empty), so the first calls meet an
    // empty bucket however long a loaded machine takes to send them.
    sandbox.control.setThrottle({ maximumAvailable: 40, restoreRate: 4, currentlyAvailable: 0 });
    const other = sessionFor(sandbox);
    const mine = pairs.slice(100, 400);
    const theirs = pairs.slice(400, 700);
    try {
      const [a, b] = await Promise.all([
        session.writeStock(
          writesFor(mine, () => 7),
          { idempotencyKey: key() },
        ),
        other.writeStock(
          writesFor(theirs, () => 8),
          { idempotencyKey: key() },
        ),
      ]);
      expect([...a, ...b].every((result) => result.status === "ok")).toBe(true);
      for (const pair of mine) expect(availableAt(pair)).toBe(7);
      for (const pair of theirs) expect(availableAt(pair)).toBe(8);
      const stats = [session.stats(), other.stats()];
      expect(stats.reduce((sum, s) => sum + s.throttled, 0)).toBeGreaterThan(0);
      expect(stats.reduce((sum, s) => sum + s.failures, 0)).toBe(0);
      expect(sandbox.control.callLog().throttled).toBeGreaterThan(0);
    } finally {
      sandbox.control.setThrottle({ maximumAvailable: 2000, restoreRate: 100, currentlyAvailable: 2000 });
    }
  });
});
