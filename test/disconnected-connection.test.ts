import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pumpUntilIdle, tick } from "../src/modules/sync/index.ts";
import { type ShopifySandbox, startShopifySandbox } from "../src/sandboxes/shopify/index.ts";
import { type Api, apiFor } from "./helpers/api.ts";
import { createTenant, startTestHub, type TestHub } from "./helpers/hub.ts";
import { until } from "./helpers/until.ts";

/**
 * A connection the platform let go (APP_UNINSTALLED, issue 19 item 8) runs no feed and sends
 * nothing: a run asked for is refused with `connection_disconnected`, a scheduled slot passes
 * without one, and stock pushes wait in the outbox. New credentials connect it again and what
 * waited goes out.
 */
let hub: TestHub;
let api: Api;
let shop: ShopifySandbox;
let id: string;
let sku: string;

type Run = { id: string; status: string; trigger: string; errorCode: string | null; error: string | null };

const credentials = () => ({
  shopDomain: shop.url,
  accessToken: shop.accessToken,
  apiSecret: shop.apiSecret,
});
const pushesSeen = () => shop.control.callLog().byRootField.inventorySetQuantities ?? 0;
const pending = async () => (await api.get(`/api/v1/connections/${id}/pending`)).body.count as number;

async function finishedRun(runId: string): Promise<Run> {
  return until(
    "the run to finish",
    async () => {
      const run = (await api.get(`/api/v1/feed-runs/${runId}`)).body as Run;
      return !["queued", "running"].includes(run.status) && run;
    },
    60_000,
    100,
  );
}

async function setStock(quantity: number): Promise<void> {
  const res = await api.post("/api/v1/products/import", { products: [{ sku, name: sku, quantity }] });
  expect(res.status).toBeLessThan(300);
}

beforeAll(async () => {
  shop = await startShopifySandbox({ seed: 8, products: 3, orders: 0, locations: 1 });
  hub = await startTestHub({ work: true, env: { STOCKWIRE_ALLOW_PRIVATE_URLS: "1" } });
  hub.ctx.config.publicUrl = await hub.app.listen({ port: 0, host: "127.0.0.1" });
  api = apiFor(hub.app, await createTenant(hub));
  const paired = await api.post("/api/v1/connections", {
    platform: "shopify",
    name: "Shop",
    credentials: credentials(),
    onboarding: false,
  });
  expect(paired.status).toBe(201);
  id = paired.body.id;
  const products = await api.post(`/api/v1/connections/${id}/feeds/new-products/run`, {});
  expect((await finishedRun(products.body.id)).status).toBe("succeeded");
  sku = [...shop.store.variantsBySku.values()].find((v) => shop.store.itemOfVariant(v).tracked)!.sku;
  await setStock(40);
  // The import's stock event is consumed (in test mode: no push) before going live; consumed after,
  // it would queue a second push of 40 that could meet the uninstall's 401 in the first test.
  await pumpUntilIdle(hub.ctx);
  expect((await api.post(`/api/v1/connections/${id}/mode`, { mode: "live" })).status).toBe(200);
  await until(
    "the store to show the hub's stock",
    () => shop.control.getInventory(sku)?.available === 40,
    60_000,
  );
}, 120_000);

afterAll(async () => {
  await hub?.close();
  await shop?.close();
}, 60_000);

describe("a disconnected connection", () => {
  it("refuses runs with connection_disconnected, skips its schedule and keeps its pushes waiting", async () => {
    shop.control.uninstallApp();
    await shop.control.waitForWebhooks();
    await until("the connection to be disconnected", async () => {
      return (await api.get(`/api/v1/connections/${id}`)).body.status === "disconnected";
    });
    await until("the outbox to be empty", async () => (await pending()) === 0);
    const pushesBefore = pushesSeen();

    const asked = await api.post(`/api/v1/connections/${id}/feeds/stock-check/run`, {});
    expect(asked.status).toBe(202);
    const refused = await finishedRun(asked.body.id);
    expect(refused).toMatchObject({ status: "blocked", errorCode: "connection_disconnected" });
    expect(refused.error).toMatch(/Shop is disconnected \(the app was uninstalled.*\): no feed runs/);

    // Every scheduled feed is due two days on; none gets a run.
    const runsBefore = (await api.get(`/api/v1/feed-runs?connectionId=${id}&limit=100`)).body.items as Run[];
    await tick(hub.ctx, new Date(Date.now() + 2 * 86_400_000));
    const runsAfter = (await api.get(`/api/v1/feed-runs?connectionId=${id}&limit=100`)).body.items as Run[];
    expect(runsAfter.length).toBe(runsBefore.length);

    await setStock(25);
    await until("the push to be queued", async () => (await pending()) === 1);
    await tick(hub.ctx);
    expect(await pending()).toBe(1);
    expect(pushesSeen()).toBe(pushesBefore);
    expect(shop.control.getInventory(sku)?.available).toBe(40);
    const log = (await api.get(`/api/v1/sync-log?connectionId=${id}&sku=${sku}`)).body.items as {
      direction: string;
      result: string;
    }[];
    expect(log.filter((l) => l.direction === "push" && l.result === "failed")).toEqual([]);
  });

  it("connects again with new credentials, sends what waited and runs feeds again", async () => {
    shop.control.reset();
    const updated = await api.patch(`/api/v1/connections/${id}`, { credentials: credentials() });
    expect(updated.status).toBe(200);
    expect(updated.body.status).toBe("connected");
    // No tick here: the new credentials kick the drain themselves, within seconds.
    await until(
      "the waiting push to reach the store",
      () => shop.control.getInventory(sku)?.available === 25,
      60_000,
    );
    // The store holds 25 once the write lands; the hub confirms (empties its queue) just after.
    await until("the outbox to be empty", async () => (await pending()) === 0, 60_000);
    const asked = await api.post(`/api/v1/connections/${id}/feeds/stock-check/run`, {});
    const ran = await finishedRun(asked.body.id);
    // It read the store again: `partial` only for the other SKUs, whose hub stock was never set.
    expect(ran).toMatchObject({ status: "partial", errorCode: null });
    const drift = (await api.get(`/api/v1/connections/${id}/drift`)).body.items as { sku: string }[];
    expect(drift.length).toBeGreaterThan(0);
    expect(drift.map((d) => d.sku)).not.toContain(sku);
  });
});
