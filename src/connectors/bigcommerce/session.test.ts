import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { bcSessionFor } from "../../../test/helpers/bigcommerce-session.ts";
import {
  bcControl,
  bcStock,
  cleanTrackedSkus,
  placeBcOrder,
} from "../../../test/helpers/bigcommerce-store.ts";
import { type BigCommerceSandbox, startBigCommerceSandbox } from "../../sandboxes/bigcommerce/index.ts";
import type { StockWrite } from "../contract.ts";
import { PlatformError } from "../http/index.ts";

/** The connector against the BigCommerce sandbox over HTTP on 127.0.0.1. */
let store: BigCommerceSandbox;
beforeEach(async () => {
  store = await startBigCommerceSandbox({ seed: 5, products: 12, orders: 15 });
});
afterEach(async () => {
  await store.close();
});

async function trackedListing(session: ReturnType<typeof bcSessionFor>, sku: string) {
  for (let cursor: string | null = "1"; cursor; ) {
    const page = await session.listProducts({ cursor });
    const hit = page.items.find((p) => p.sku === sku);
    if (hit) return hit;
    cursor = page.nextCursor;
  }
  throw new Error(`no listing for ${sku}`);
}

const write = (sku: string, inventoryItemId: string, quantity: number): StockWrite => ({
  sku,
  inventoryItemId,
  locationId: "1",
  quantity,
  compareQuantity: null,
});

describe("BigCommerce session", () => {
  it("validates against /v2/store and names the credentials when the token is wrong", async () => {
    expect((await bcSessionFor(store).validate()).label).toBe("Stockwire BigCommerce sandbox");
    const error = await bcSessionFor(store, { accessToken: "nope" })
      .validate()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlatformError);
    expect((error as Error).message).toMatch(/storeHash and accessToken/);
  });

  it("lists every variant with the tracking mode in its inventory item, untracked ones without", async () => {
    const session = bcSessionFor(store);
    const all = [];
    for (let cursor: string | null = null; ; ) {
      const page = await session.listProducts({ cursor, pageSize: 5 });
      all.push(...page.items);
      cursor = page.nextCursor;
      if (!cursor) break;
    }
    expect(all.length).toBe(store.store.items.size);
    const untracked = [...store.store.products.values()].find((p) =>
      store.store.itemsOf(p).every((i) => !i.tracked),
    );
    if (untracked)
      expect(all.find((p) => p.platformProductId === String(untracked.id))?.inventoryItemId).toBeNull();
    expect(all.some((p) => p.inventoryItemId?.startsWith("variant:"))).toBe(true);
    expect(all.some((p) => p.sku === null)).toBe(true);
  });

  it("reads orders since a time, an empty page as 204, guest orders without an address", async () => {
    const session = bcSessionFor(store);
    const future = await session.listOrders({ updatedSince: new Date(Date.now() + 86_400_000) });
    expect(future).toEqual({ items: [], nextCursor: null });
    const [sku] = cleanTrackedSkus(store);
    const placed = await placeBcOrder(store, [{ sku: sku!, quantity: 1 }], { guest: true });
    const order = await session.getOrder(String(placed.id));
    expect(order?.shippingAddress).toBeNull();
    expect(order?.customer.name).toBeNull();
    expect(order?.lines[0]?.sku).toBe(sku);
    expect(order?.paid).toBe(true);
  });

  it("writes stock per location and fails a refused item alone, the rest landing", async () => {
    const session = bcSessionFor(store);
    const [a, b, c] = cleanTrackedSkus(store);
    const [la, lb, lc] = [
      await trackedListing(session, a!),
      await trackedListing(session, b!),
      await trackedListing(session, c!),
    ];
    const results = await session.writeStock(
      [
        write(a!, la.inventoryItemId!, 11),
        write("GHOST", "variant:999999", 3),
        write(b!, lb.inventoryItemId!, 12),
        write(c!, lc.inventoryItemId!, 13),
      ],
      { idempotencyKey: "k" },
    );
    expect(results.map((r) => r.status)).toEqual(["ok", "failed", "ok", "ok"]);
    expect(results[1]).toMatchObject({ sku: "GHOST", retryable: false });
    expect([bcStock(store, a!), bcStock(store, b!), bcStock(store, c!)]).toEqual([11, 12, 13]);
    const levels = await session.readStock([{ inventoryItemId: la.inventoryItemId!, locationId: "1" }]);
    expect(levels).toEqual([{ inventoryItemId: la.inventoryItemId, locationId: "1", sku: a, quantity: 11 }]);
  });

  it("waits out a window forced to 3 requests instead of failing", async () => {
    await bcControl(store, "PUT", "rate-limit", { quota: 3, windowMs: 300 });
    const session = bcSessionFor(store);
    for (let i = 0; i < 8; i++) await session.validate();
    expect(session.stats().failures).toBe(0);
  });

  it("backs off from 429s without rate headers", async () => {
    await bcControl(store, "PUT", "rate-limit", { headerless: true });
    await bcControl(store, "POST", "faults/throttle", { count: 2 });
    const session = bcSessionFor(store);
    await session.validate();
    expect(session.stats()).toMatchObject({ failures: 0, retries: 2 });
  });
});
