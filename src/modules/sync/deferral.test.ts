import { sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { pair, runFeed, type SyncFixture, startSyncHub } from "../../../test/helpers/sync-setup.ts";
import { addTestProduct, signTestWebhook, testOrder } from "../../../test/helpers/test-connector.ts";
import { PlatformDeferred } from "../../connectors/contract.ts";
import { queryRows } from "../../db/rows.ts";
import { drainConnection } from "./drain.ts";
import { executeFeedRun, FEED_RUN_JOB, type FeedRunJob } from "./feed-runner.ts";
import { drainInbox } from "./inbox.ts";
import { pumpUntilIdle } from "./pump.ts";
import { createRun, getRun } from "./runs.ts";

/**
 * What the engine does with a platform call the client deferred (rate limit, outage) or a slice
 * that ran out: the work is left for later, nothing counts as failed, and it goes on from where
 * it stopped. Workers are off: the test runs each job's step itself and reads what was queued.
 */
let f: SyncFixture;
let live: string;

const deferral = (reason: "rate-limit" | "unavailable", retryAfterMs: number) =>
  new PlatformDeferred({
    platform: "test",
    status: reason === "rate-limit" ? 429 : 503,
    reason,
    retryAfterMs,
    message: `test platform deferred (${reason})`,
    attempts: 1,
  });

/** Takes the run's waiting job off the queue, as a worker would. */
async function takeRunJob(runId: string) {
  const [job] = await queryRows<{ data: FeedRunJob; start_after: string | Date }>(
    f.hub.ctx.db,
    sql`delete from pgboss.job where name = ${FEED_RUN_JOB} and state = 'created' and data->>'runId' = ${runId}
        returning data, start_after`,
  );
  return job;
}

beforeAll(async () => {
  f = await startSyncHub();
  for (const sku of ["DF-A", "DF-B", "DF-C"]) addTestProduct(f.platform, sku, 0);
  live = await pair(f, "Deferring shop", "live");
  await runFeed(f, live, "new-products");
  await f.api.post("/api/v1/products/import", {
    products: ["DF-A", "DF-B", "DF-C"].map((sku) => ({ sku, name: sku, quantity: 10 })),
  });
  await pumpUntilIdle(f.hub.ctx);
  await drainConnection(f.hub.ctx, live);
});
afterEach(() => {
  f.platform.beforeCall = undefined;
});
afterAll(() => f?.hub.close());

describe("a deferred stock push", () => {
  it("leaves its rows due when the platform allows, counts no attempt and reports no problem", async () => {
    await f.api.post("/api/v1/stock/adjustments", { sku: "DF-A", delta: -1, idempotencyKey: "df-a" });
    await pumpUntilIdle(f.hub.ctx);
    f.platform.beforeCall = (op) => {
      if (op === "writeStock") throw deferral("rate-limit", 60_000);
    };
    const started = Date.now();
    const outcome = await drainConnection(f.hub.ctx, live);
    expect(outcome.more).toBe(true);
    expect(outcome.retryAfterMs).toBeGreaterThan(50_000);
    const [row] = await queryRows<{ attempts: number; next_attempt_at: string | Date; last_error: string }>(
      f.hub.ctx.db,
      sql`select attempts, next_attempt_at, last_error from outbox where connection_id = ${live}`,
    );
    expect(row?.attempts).toBe(0);
    expect(new Date(row!.next_attempt_at).getTime()).toBeGreaterThan(started + 50_000);
    expect(row?.last_error).toContain("deferred");
    const issues = (await f.api.get(`/api/v1/sync/issues?connectionId=${live}`)).body.items;
    expect(issues).toEqual([]);
  });

  it("is sent once the rows fall due, and the drain then reports nothing left", async () => {
    await f.hub.ctx.db.execute(sql`update outbox set next_attempt_at = now() where connection_id = ${live}`);
    expect(await drainConnection(f.hub.ctx, live)).toEqual({ more: false });
    expect(f.platform.writes.flat().at(-1)).toMatchObject({ sku: "DF-A", quantity: 9 });
  });

  it("asks for a drain when rows in back-off fall due, not at the next tick", async () => {
    await f.api.post("/api/v1/stock/adjustments", { sku: "DF-B", delta: -1, idempotencyKey: "df-b" });
    await pumpUntilIdle(f.hub.ctx);
    f.platform.failNextWrites = 1;
    const outcome = await drainConnection(f.hub.ctx, live);
    // The failed push backs off 1 s (first attempt); the drain asks to look again then.
    expect(outcome).toMatchObject({ more: true });
    expect(outcome.retryAfterMs).toBeGreaterThan(0);
    expect(outcome.retryAfterMs).toBeLessThanOrEqual(1_000);
    await new Promise((r) => setTimeout(r, outcome.retryAfterMs));
    expect(await drainConnection(f.hub.ctx, live)).toEqual({ more: false });
  });
});

describe("a feed run", () => {
  const orders = ["df-1", "df-2", "df-3", "df-4", "df-5", "df-6", "df-7"];

  async function queueRun(kind: string): Promise<FeedRunJob> {
    const run = await createRun(f.hub.ctx.db, {
      accountId: f.tenant.accountId,
      connectionId: live,
      feedKind: kind,
      trigger: "manual",
      full: true,
    });
    return { runId: run.id, connectionId: live, kind };
  }

  it("deferred by the platform goes back to the queue at its cursor and resumes there", async () => {
    for (const id of orders) testOrder(f.platform, id, [{ sku: "DF-C", quantity: 1 }]);
    const pages: number[] = [];
    f.platform.beforeCall = (op) => {
      if (op !== "listOrders") return;
      pages.push(pages.length);
      if (pages.length === 2) throw deferral("rate-limit", 30_000);
    };
    const job = await queueRun("new-orders");
    await executeFeedRun(f.hub.ctx, job);
    const paused = (await getRun(f.hub.ctx.db, f.tenant.accountId, job.runId)).run;
    expect(paused.status).toBe("queued");
    expect(paused.progress).toMatchObject({ done: 3, cursor: "3" });
    expect(paused.counts.failed).toBe(0);
    const next = await takeRunJob(job.runId);
    expect(next?.data.continued).toBe(true);
    expect(new Date(next!.start_after).getTime()).toBeGreaterThan(Date.now() + 20_000);

    await executeFeedRun(f.hub.ctx, next!.data);
    const { run, messages } = await getRun(f.hub.ctx.db, f.tenant.accountId, job.runId);
    expect(run.status).toBe("succeeded");
    expect(run.progress).toMatchObject({ done: orders.length, cursor: null });
    expect(run.counts.imported).toBe(orders.length);
    // Three pages plus the deferred call: nothing read twice, nothing started over.
    expect(pages).toHaveLength(4);
    // A planned pause is not a lost worker: no "resumed" note.
    expect(messages.map((m) => m.code)).not.toContain("resumed");
  });

  it("in the queue works one slice per job and reads every page once", async () => {
    const job = await queueRun("update-orders");
    let reads = 0;
    f.platform.beforeCall = (op) => {
      if (op === "listOrders") reads++;
    };
    let data: FeedRunJob | undefined = job;
    let slices = 0;
    while (data && slices <= 10) {
      slices++;
      // A zero-length slice stops at the first saved cursor: one page per job.
      await executeFeedRun(f.hub.ctx, data, { sliceMs: 0 });
      data = (await takeRunJob(job.runId))?.data;
    }
    const { run } = await getRun(f.hub.ctx.db, f.tenant.accountId, job.runId);
    expect(run.status).toBe("succeeded");
    expect(slices).toBe(Math.ceil(f.platform.orders.size / 3));
    expect(reads).toBe(slices);
  });
});

describe("the webhook inbox", () => {
  async function deliver(eventId: string, objectId: string, order?: unknown) {
    const raw = JSON.stringify({
      eventId,
      topic: "orders/updated",
      kind: "order",
      objectId,
      occurredAt: new Date(),
      ...(order ? { order } : {}),
    });
    const res = await f.hub.app.inject({
      method: "POST",
      url: `/webhooks/test/${live}`,
      headers: { "content-type": "application/json", "x-test-signature": signTestWebhook(f.platform, raw) },
      payload: raw,
    });
    expect(res.statusCode).toBe(200);
  }
  const statuses = async () =>
    (
      await queryRows<{ event_id: string; status: string }>(
        f.hub.ctx.db,
        sql`select event_id, status from webhook_inbox where connection_id = ${live} order by received_at`,
      )
    ).map((r) => `${r.event_id}:${r.status}`);

  it("sets aside a webhook whose platform call is deferred, applies the later ones, then it", async () => {
    const fetched = testOrder(f.platform, "wh-fetch", [{ sku: "DF-C", quantity: 1 }]);
    const carried = testOrder(f.platform, "wh-carried", [{ sku: "DF-C", quantity: 1 }]);
    await deliver("e-fetch", fetched.platformOrderId);
    await deliver("e-carried", carried.platformOrderId, carried);
    f.platform.beforeCall = (op) => {
      if (op === "getOrder") throw deferral("unavailable", 200);
    };
    const outcome = await drainInbox(f.hub.ctx, live);
    expect(outcome.more).toBe(true);
    expect(outcome.retryAfterMs).toBeLessThanOrEqual(200);
    expect(await statuses()).toEqual(["e-fetch:received", "e-carried:processed"]);

    f.platform.beforeCall = undefined;
    await new Promise((r) => setTimeout(r, outcome.retryAfterMs));
    expect(await drainInbox(f.hub.ctx, live)).toEqual({ more: false });
    expect(await statuses()).toEqual(["e-fetch:processed", "e-carried:processed"]);
  });

  it("retries a webhook that fails, then marks it failed without holding back the others", async () => {
    const broken = testOrder(f.platform, "wh-broken", [{ sku: "DF-C", quantity: 1 }]);
    const after = testOrder(f.platform, "wh-after", [{ sku: "DF-C", quantity: 1 }]);
    await deliver("e-broken", broken.platformOrderId);
    await deliver("e-after", after.platformOrderId, after);
    f.platform.beforeCall = (op) => {
      if (op === "getOrder") throw new Error("the platform answered nonsense");
    };
    let outcome = await drainInbox(f.hub.ctx, live);
    expect((await statuses()).slice(-2)).toEqual(["e-broken:received", "e-after:processed"]);
    for (let pass = 0; outcome.more && pass < 5; pass++) {
      await new Promise((r) => setTimeout(r, outcome.retryAfterMs));
      outcome = await drainInbox(f.hub.ctx, live);
    }
    expect(outcome).toEqual({ more: false });
    const [row] = await queryRows<{ status: string; error: string }>(
      f.hub.ctx.db,
      sql`select status, error from webhook_inbox where event_id = 'e-broken'`,
    );
    expect(row).toEqual({ status: "failed", error: "the platform answered nonsense" });
  }, 60_000);
});
