import { afterAll, describe, expect, it } from "vitest";
import { drainConnection, pumpUntilIdle } from "../src/modules/sync/index.ts";
import { pair, runFeed, type SyncFixture, startSyncHub } from "./helpers/sync-setup.ts";
import { addTestProduct } from "./helpers/test-connector.ts";

/** Switching to live sends what the hub held back in test or shadow mode, without a new change. */
const fixtures: SyncFixture[] = [];
afterAll(async () => {
  for (const f of fixtures) await f.hub.close();
});

const SKUS = ["GL-A", "GL-B", "GL-C"];

async function heldConnection(mode: "test" | "shadow") {
  const f = await startSyncHub();
  fixtures.push(f);
  for (const sku of SKUS) addTestProduct(f.platform, sku, 1);
  const id = await pair(f, `${mode} shop`, mode);
  await runFeed(f, id, "new-products");
  await f.api.post("/api/v1/products/import", {
    products: SKUS.map((sku, i) => ({ sku, name: sku, quantity: 10 + i })),
  });
  await pumpUntilIdle(f.hub.ctx);
  await drainConnection(f.hub.ctx, id);
  const stockOf = (sku: string) =>
    f.platform.stock.get(`${f.platform.products.find((p) => p.sku === sku)!.inventoryItemId}@loc-1`);
  return { f, id, stockOf };
}

describe("going live", () => {
  it.each(["test", "shadow"] as const)("pushes every SKU held in %s mode", async (mode) => {
    const { f, id, stockOf } = await heldConnection(mode);
    expect(f.platform.writes).toEqual([]);
    expect(SKUS.map(stockOf)).toEqual([1, 1, 1]);

    const res = await f.api.post(`/api/v1/connections/${id}/mode`, { mode: "live" });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ changed: true, queuedPushes: 3 });
    await drainConnection(f.hub.ctx, id);
    expect(SKUS.map(stockOf)).toEqual([10, 11, 12]);

    // Live → shadow → live with nothing changed in between holds nothing to send.
    await f.api.post(`/api/v1/connections/${id}/mode`, { mode: "shadow" });
    const again = await f.api.post(`/api/v1/connections/${id}/mode`, { mode: "live" });
    expect(again.body).toMatchObject({ changed: true, queuedPushes: 0 });
  });
});
