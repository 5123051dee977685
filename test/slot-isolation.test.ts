import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "../src/db/rows.ts";
import { DRAIN_JOB } from "../src/modules/sync/index.ts";
import { type ShopifySandbox, startShopifySandbox } from "../src/sandboxes/shopify/index.ts";
import { type Api, apiFor } from "./helpers/api.ts";
import { createTenant, startTestHub, type TestHub } from "./helpers/hub.ts";
import { until } from "./helpers/until.ts";

/**
 * One store's trouble never holds the hub's worker slots (issue 16). Three Shopify stores list
 * the same SKUs on one hub with its real workers: B is throttled to 0.5 points/s from empty, C
 * stops answering. Every change must still reach A within seconds, and B's and C's drain jobs
 * must give their slot back at once, leaving their pushes due for later instead of waiting.
 */
let hub: TestHub;
let api: Api;
const stores: Record<"a" | "b" | "c", ShopifySandbox | undefined> = {
  a: undefined,
  b: undefined,
  c: undefined,
};
const ids: Record<"a" | "b" | "c", string> = { a: "", b: "", c: "" };
let skus: string[] = [];

async function pairStore(key: "a" | "b" | "c") {
  const store = stores[key]!;
  const res = await api.post("/api/v1/connections", {
    platform: "shopify",
    name: `Store ${key.toUpperCase()}`,
    credentials: { shopDomain: store.url, accessToken: store.accessToken, apiSecret: store.apiSecret },
    onboarding: false,
  });
  expect(res.status).toBe(201);
  ids[key] = res.body.id;
  const run = await api.post(`/api/v1/connections/${ids[key]}/feeds/new-products/run`, {});
  await until(
    `store ${key}'s catalogue`,
    async () => (await api.get(`/api/v1/feed-runs/${run.body.id}`)).body.status === "succeeded",
    60_000,
  );
  await api.post(`/api/v1/connections/${ids[key]}/mode`, { mode: "live" });
}

/** Seconds each finished drain job of the connection held its worker slot. */
async function drainJobSeconds(connectionId: string, since: Date): Promise<number[]> {
  const rows = await queryRows<{ seconds: number | string }>(
    hub.ctx.db,
    sql`select extract(epoch from coalesce(completed_on, now()) - started_on) as seconds from pgboss.job
        where name = ${DRAIN_JOB} and started_on >= ${since.toISOString()}::timestamptz
          and data->>'connectionId' = ${connectionId}`,
  );
  return rows.map((r) => Number(r.seconds));
}

async function pendingOf(connectionId: string) {
  return (await api.get(`/api/v1/connections/${connectionId}/pending`)).body as {
    count: number;
    retrying: number;
    items: { lastError: string | null; nextAttemptAt: string }[];
  };
}

beforeAll(async () => {
  for (const key of ["a", "b", "c"] as const)
    stores[key] = await startShopifySandbox({
      seed: 11,
      products: 6,
      orders: 0,
      locations: 1,
      shopName: `Store ${key}`,
    });
  hub = await startTestHub({ work: true, env: { STOCKWIRE_ALLOW_PRIVATE_URLS: "1" } });
  api = apiFor(hub.app, await createTenant(hub));
  for (const key of ["a", "b", "c"] as const) await pairStore(key);
  skus = ((await api.get("/api/v1/products?limit=10")).body.items as { sku: string }[]).map((p) => p.sku);
  expect(skus.length).toBeGreaterThanOrEqual(4);
}, 120_000);
afterAll(async () => {
  await hub?.close();
  for (const store of Object.values(stores)) await store?.close();
}, 60_000);

describe("a throttled or unreachable store beside a healthy one", () => {
  it("keeps the healthy store's pushes within seconds while the others' jobs give their slots back", async () => {
    const trouble = new Date();
    stores.b!.control.setThrottle({ restoreRate: 0.5, currentlyAvailable: 0 });
    await stores.c!.close();
    stores.c = undefined;
    for (const [round, sku] of skus.slice(0, 4).entries()) {
      const quantity = 20 + round;
      const started = Date.now();
      await api.post("/api/v1/stock/adjustments", { sku, set: quantity, idempotencyKey: `iso-${round}` });
      await until(
        `store A to show ${quantity} for ${sku}`,
        () => {
          return stores.a!.control.getInventory(sku)?.available === quantity;
        },
        15_000,
      );
      expect(Date.now() - started).toBeLessThan(15_000);
    }
    // B and C kept their pushes, due again later, with nothing counted as a failed attempt on B.
    const errors = async (id: string) => (await pendingOf(id)).items.map((i) => i.lastError ?? "");
    await until(
      "B's pushes to be put off",
      async () => (await errors(ids.b)).some((e) => e.includes("next try in")),
      15_000,
    );
    await until(
      "C's pushes to be put off",
      async () => (await errors(ids.c)).some((e) => e.includes("could not reach the host")),
      15_000,
    );
    expect((await pendingOf(ids.b)).retrying).toBe(0);
    // No drain job sat in a slot waiting: a throttled push would have waited minutes.
    const held = [...(await drainJobSeconds(ids.b, trouble)), ...(await drainJobSeconds(ids.c, trouble))];
    expect(held.length).toBeGreaterThan(1);
    for (const seconds of held) expect(seconds).toBeLessThan(8);
    const later = await queryRows<{ start_after: string | Date }>(
      hub.ctx.db,
      sql`select start_after from pgboss.job where name = ${DRAIN_JOB} and state = 'created'
          and data->>'connectionId' = ${ids.b}`,
    );
    expect(later.some((j) => new Date(j.start_after).getTime() > Date.now())).toBe(true);
    // An outage is a problem for a person to see; a rate limit is not.
    const issues = async (id: string) =>
      (await api.get(`/api/v1/sync/issues?connectionId=${id}`)).body.items as { code: string }[];
    expect((await issues(ids.c)).map((i) => i.code)).toContain("platform_unavailable");
    expect(await issues(ids.b)).toEqual([]);
  }, 120_000);
});
