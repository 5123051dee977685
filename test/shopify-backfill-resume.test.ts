import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_ORDER_PAGE } from "../src/connectors/shopify/orders.ts";
import { queryRows } from "../src/db/rows.ts";
import { getConnectionById, openSession } from "../src/modules/connections/index.ts";
import {
  claimRun,
  executeFeedRun,
  FEED_RUN_JOB,
  feedOf,
  getRun,
  newOrdersFeed,
  startRun,
  tick,
} from "../src/modules/sync/index.ts";
import { feedRuns } from "../src/modules/sync/schema.ts";
import { type ShopifySandbox, startShopifySandbox } from "../src/sandboxes/shopify/index.ts";
import { type Api, apiFor } from "./helpers/api.ts";
import { createTenant, startTestHub, type Tenant, type TestHub } from "./helpers/hub.ts";

/**
 * A 90-day backfill of a few hundred sandbox orders whose worker dies half way (the process is
 * gone: the run stays `running` with its cursor and its heartbeat stops) is sent to the queue
 * again by the tick, and the next worker continues from the saved cursor: every order read once,
 * imported once, progress never going backwards. Workers are off: the test plays both workers.
 */
let hub: TestHub;
let tenant: Tenant;
let api: Api;
let sandbox: ShopifySandbox;

class WorkerKilled extends Error {}

beforeAll(async () => {
  sandbox = await startShopifySandbox({ seed: 52, products: 8, orders: 300, locations: 1, plan: "plus" });
  hub = await startTestHub({ env: { STOCKWIRE_ALLOW_PRIVATE_URLS: "1" } });
  tenant = await createTenant(hub);
  api = apiFor(hub.app, tenant);
}, 60_000);
afterAll(async () => {
  await hub?.close();
  await sandbox?.close();
});

const ordersCalls = () => sandbox.control.callLog().byRootField.orders ?? 0;
const PAID = new Set(["PAID", "PARTIALLY_PAID", "PARTIALLY_REFUNDED", "REFUNDED"]);

async function hubOrderIds(connectionId: string): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const page = (
      await api.get(
        `/api/v1/orders?connectionId=${connectionId}&limit=500${cursor ? `&cursor=${cursor}` : ""}`,
      )
    ).body as { items: { platformOrderId: string }[]; nextCursor: string | null };
    ids.push(...page.items.map((o) => o.platformOrderId));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return ids;
}

describe("order backfill after a worker dies", () => {
  it("continues from its cursor and imports every order exactly once", async () => {
    const paired = await api.post("/api/v1/connections", {
      platform: "shopify",
      name: "Resumed store",
      credentials: {
        shopDomain: sandbox.url,
        accessToken: sandbox.accessToken,
        apiSecret: sandbox.apiSecret,
      },
      onboarding: { initialStock: "never" },
    });
    expect(paired.status).toBe(201);
    const connectionId = paired.body.id as string;
    const [products, orders] = paired.body.onboarding.steps as { kind: string; runId: string }[];
    const ctx = hub.ctx;
    await executeFeedRun(ctx, { runId: products!.runId, connectionId, kind: "new-products" });

    // The first worker takes the backfill and dies after 2 pages: nothing finishes the run.
    const connection = (await getConnectionById(ctx.db, connectionId))!;
    const feed = (await feedOf(ctx.db, connectionId, "new-orders"))!;
    const real = openSession(ctx, connection);
    let pages = 0;
    const dying = {
      ...real,
      listOrders: async (options: Parameters<NonNullable<typeof real.listOrders>>[0]) => {
        if (pages++ === 2) throw new WorkerKilled("SIGKILL");
        return real.listOrders!(options);
      },
    };
    const callsBefore = ordersCalls();
    const claimed = (await claimRun(ctx.db, orders!.runId))!;
    const recorder = await startRun(ctx.db, claimed);
    await expect(
      newOrdersFeed({ ctx, log: ctx.logger, connection, feed, session: dying, recorder, full: true }),
    ).rejects.toBeInstanceOf(WorkerKilled);
    const atKill = (await getRun(ctx.db, tenant.accountId, orders!.runId)).run;
    expect(atKill.status).toBe("running");
    expect(atKill.progress?.done).toBe(2 * MAX_ORDER_PAGE);
    expect(atKill.progress?.cursor).toBeTruthy();
    const total = atKill.progress!.total!;
    expect(total).toBeGreaterThan(200);

    // While its heartbeat is fresh nobody takes it over; once it is stale, the tick re-queues it.
    await tick(ctx);
    expect(await queuedJobsOf(orders!.runId)).toBe(0);
    await ctx.db
      .update(feedRuns)
      .set({ heartbeatAt: new Date(Date.now() - 120_000) })
      .where(eq(feedRuns.id, orders!.runId));
    await tick(ctx);
    expect(await queuedJobsOf(orders!.runId)).toBe(1);

    // The next worker runs the job; progress is sampled while it runs.
    const seen: number[] = [atKill.progress!.done];
    let running = true;
    const sampler = (async () => {
      while (running) {
        const run = (await getRun(ctx.db, tenant.accountId, orders!.runId)).run;
        if (run.progress) seen.push(run.progress.done);
        await new Promise((r) => setTimeout(r, 10));
      }
    })();
    await executeFeedRun(ctx, { runId: orders!.runId, connectionId, kind: "new-orders" });
    running = false;
    await sampler;

    const { run, messages } = await getRun(ctx.db, tenant.accountId, orders!.runId);
    expect(run.status).toBe("succeeded");
    expect(messages.some((m) => m.code === "resumed")).toBe(true);
    expect(run.progress).toMatchObject({ done: total, total, cursor: null });
    expect(seen).toEqual([...seen].sort((x, y) => x - y));
    // every page was read once over both workers: nothing re-read from the start
    expect(ordersCalls() - callsBefore).toBe(Math.ceil(total / MAX_ORDER_PAGE));

    const window = run.startedAt!.getTime() - 90 * 86_400_000;
    const expected = sandbox.store.orders
      .filter((o) => o.createdAt >= window && PAID.has(o.financialStatus) && o.cancelledAt === null)
      .map((o) => `gid://shopify/Order/${5_600_000_000_000 + o.id}`);
    const imported = await hubOrderIds(connectionId);
    expect(new Set(imported).size).toBe(imported.length);
    expect([...imported].sort()).toEqual([...expected].sort());
    expect(run.counts.imported).toBe(expected.length);
  }, 240_000);
});

async function queuedJobsOf(runId: string): Promise<number> {
  const rows = await queryRows<{ n: number | string }>(
    hub.ctx.db,
    sql`select count(*) as n from pgboss.job
        where name = ${FEED_RUN_JOB} and state = 'created' and data->>'runId' = ${runId}`,
  );
  return Number(rows[0]?.n ?? 0);
}
