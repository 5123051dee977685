import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Api, apiFor } from "../../../test/helpers/api.ts";
import { createTenant, startTestHub, type Tenant, type TestHub } from "../../../test/helpers/hub.ts";
import { type SmtpCapture, startSmtpCapture } from "../../../test/helpers/smtp-capture.ts";
import { pair, runFeed, type SyncFixture } from "../../../test/helpers/sync-setup.ts";
import {
  addTestProduct,
  createTestConnector,
  createTestPlatform,
  signTestWebhook,
  type TestPlatform,
} from "../../../test/helpers/test-connector.ts";
import type { Connector } from "../../connectors/contract.ts";
import { notifyOnce } from "../notifications/index.ts";
import { drainConnection } from "./drain.ts";
import { pumpUntilIdle } from "./pump.ts";
import { claimRun } from "./run-lease.ts";
import { createRun } from "./runs.ts";
import { watchStalls } from "./stall-episodes.ts";
import { connectionHealth } from "./stall-watch.ts";

/**
 * The stall alarm end to end: a connection whose platform refuses pushes is reported by the
 * account's sync health, /healthz and /metrics, raises one sync_stalled (in-app and e-mail) per
 * episode and one sync_recovered once its pushes go through.
 */
let smtp: SmtpCapture;
let hub: TestHub;
let platform: TestPlatform;
let tenant: Tenant;
let api: Api;
let stuck: string;
let quiet: string;
const MINUTE = 60_000;

beforeAll(async () => {
  smtp = await startSmtpCapture();
  platform = createTestPlatform();
  for (const sku of ["STALL-A", "STALL-B"]) addTestProduct(platform, sku, 0);
  hub = await startTestHub({
    env: { SMTP_URL: smtp.url },
    connectors: { test: createTestConnector(platform) as Connector<unknown> },
  });
  tenant = await createTenant(hub, "Stall shop");
  api = apiFor(hub.app, tenant);
  const f: SyncFixture = { hub, platform, tenant, api };
  stuck = await pair(f, "Stuck shop", "live");
  quiet = await pair(f, "Quiet shop", "live");
  for (const id of [stuck, quiet]) await runFeed(f, id, "new-products");
  await hub.app.inject({
    method: "PUT",
    url: "/api/v1/notification-settings",
    headers: { ...tenant.auth, "content-type": "application/json" },
    payload: { defaultEmail: "ops@example.com" },
  });
  await api.post("/api/v1/products/import", {
    products: ["STALL-A", "STALL-B"].map((sku) => ({ sku, name: sku, quantity: 10 })),
  });
  await pumpUntilIdle(hub.ctx);
  await drainConnection(hub.ctx, quiet);
  platform.failNextWrites = 100;
  await drainConnection(hub.ctx, stuck);
  platform.failNextWrites = 0;
  await backdatePushes(stuck, 5);
});
afterAll(async () => {
  await hub?.close();
  await smtp?.close();
});

/** Plays the minutes the platform kept refusing: the connection's waiting pushes were queued earlier. */
async function backdatePushes(connectionId: string, minutes: number) {
  await hub.ctx.db.execute(
    sql`update outbox set enqueued_at = enqueued_at - make_interval(mins => ${minutes}) where connection_id = ${connectionId}`,
  );
}

const syncHealth = async () => (await api.get("/api/v1/sync/health")).body;
const healthOf = async (id: string) =>
  (await syncHealth()).items.find((h: { connectionId: string }) => h.connectionId === id);
const notificationsOf = async (type: string) =>
  (await api.get(`/api/v1/notifications?type=${type}`)).body.items as { title: string; body: string }[];
/** The mail's subject line, decoded from the quoted-printable word nodemailer writes for quotes. */
const subjectOf = (data: string) =>
  (/^Subject: (.*)$/m.exec(data)?.[1] ?? "")
    .trim()
    .replace(/^=\?UTF-8\?Q\?(.*)\?=$/, (_, word: string) =>
      word
        .replaceAll("_", " ")
        .replace(/=([0-9A-F]{2})/g, (_hex, h: string) => String.fromCharCode(Number.parseInt(h, 16))),
    );
const mailsAbout = (subject: string) => smtp.received.filter((m) => subjectOf(m.data) === subject);
const metric = (body: string, name: string, connectionId: string) => {
  const line = body.split("\n").find((l) => l.startsWith(`${name}{connection="${connectionId}"}`));
  return line === undefined ? undefined : Number(line.split(" ").at(-1));
};

describe("a connection whose pushes do not go through", () => {
  it("is reported stalled by the account's sync health with what waits and why", async () => {
    const h = await healthOf(stuck);
    expect(h.pushes.count).toBe(2);
    expect(h.stall).toMatchObject({ reason: "push_delayed", waiting: 2 });
    expect(h.stall.oldestSeconds).toBeGreaterThanOrEqual(300);
    expect(h.stall.detail).toBe("stock pushes are not reaching the platform");
    expect(await healthOf(quiet)).toMatchObject({ pushes: { count: 0, oldestSeconds: 0 }, stall: null });
  });

  it("makes /healthz answer 200 degraded, naming the connection by id only", async () => {
    const res = await hub.app.inject({ url: "/healthz" });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ status: "degraded", queue: "ok" });
    expect(body.stalled).toEqual([
      { connectionId: stuck, reason: "push_delayed", waiting: 2, oldestSeconds: expect.any(Number) },
    ]);
    expect(res.body).not.toContain("Stuck shop");
  });

  it("shows in the per-connection gauges on /metrics", async () => {
    const body = (await hub.app.inject({ url: "/metrics" })).body;
    expect(metric(body, "stockwire_sync_stalled", stuck)).toBe(1);
    expect(metric(body, "stockwire_sync_stalled", quiet)).toBe(0);
    expect(metric(body, "stockwire_sync_outbox_waiting", stuck)).toBe(2);
    expect(metric(body, "stockwire_sync_outbox_oldest_seconds", stuck)).toBeGreaterThanOrEqual(300);
    // The drain the pump queued waits for a worker (none in this hub), but not for long yet.
    expect(metric(body, "stockwire_sync_job_oldest_seconds", quiet)).toBeLessThan(120);
    expect(metric(body, "stockwire_sync_runs_without_heartbeat", quiet)).toBe(0);
    expect(metric(body, "stockwire_sync_webhook_backlog", stuck)).toBe(0);
    expect(body).toContain('stockwire_queue_depth{job="sync.stall-watch"}');
  });

  it("raises one sync_stalled, in-app and by e-mail, however often it is checked", async () => {
    expect(await watchStalls(hub.ctx.db)).toEqual({ stalled: [stuck], recovered: [] });
    expect(await watchStalls(hub.ctx.db, new Date(Date.now() + MINUTE))).toEqual({
      stalled: [],
      recovered: [],
    });
    await notifyOnce(hub.ctx);
    await watchStalls(hub.ctx.db);
    await notifyOnce(hub.ctx);
    const stalled = await notificationsOf("sync_stalled");
    expect(stalled).toHaveLength(1);
    expect(stalled[0]).toMatchObject({
      title: 'Sync stalled for "Stuck shop"',
      body: "2 waiting, oldest 5 min: stock pushes are not reaching the platform",
    });
    const mails = mailsAbout('Sync stalled for "Stuck shop"');
    expect(mails.map((m) => m.to)).toEqual([["ops@example.com"]]);
  });

  it("raises one sync_recovered when its pushes go through, and /healthz is ok again", async () => {
    // The refused pushes back off for a second before they are due again.
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    await drainConnection(hub.ctx, stuck);
    expect((await healthOf(stuck)).stall).toBeNull();
    expect(await watchStalls(hub.ctx.db)).toEqual({ stalled: [], recovered: [stuck] });
    expect(await watchStalls(hub.ctx.db)).toEqual({ stalled: [], recovered: [] });
    await notifyOnce(hub.ctx);
    const recovered = await notificationsOf("sync_recovered");
    expect(recovered).toHaveLength(1);
    expect(recovered[0]!.title).toBe('Sync recovered for "Stuck shop"');
    expect(mailsAbout('Sync recovered for "Stuck shop"')).toHaveLength(1);
    expect(await notificationsOf("sync_stalled")).toHaveLength(1);
    expect((await hub.app.inject({ url: "/healthz" })).json()).toMatchObject({ status: "ok" });
  });
});

describe("stall thresholds", () => {
  it("refuses thresholds under 30 s and keeps a slower push from counting under a longer one", async () => {
    const bad = await api.put("/api/v1/sync/stall-thresholds", { pushSeconds: 10 });
    expect(bad.status).toBe(400);
    await api.post("/api/v1/stock/adjustments", { sku: "STALL-A", delta: -1, idempotencyKey: "stall-1" });
    await pumpUntilIdle(hub.ctx);
    await backdatePushes(stuck, 5);
    expect((await healthOf(stuck)).stall).toMatchObject({ reason: "push_delayed", waiting: 1 });

    const saved = await api.put("/api/v1/sync/stall-thresholds", { pushSeconds: 900 });
    expect(saved).toMatchObject({ status: 200, body: { pushSeconds: 900, jobSeconds: 120 } });
    expect((await syncHealth()).thresholds.pushSeconds).toBe(900);
    expect((await healthOf(stuck)).stall).toBeNull();

    await api.put("/api/v1/sync/stall-thresholds", { pushSeconds: null });
    expect((await api.get("/api/v1/sync/stall-thresholds")).body.pushSeconds).toBe(120);
    expect((await healthOf(stuck)).stall).toMatchObject({ reason: "push_delayed" });
  });

  it("does not count pushes a test-mode connection holds for go-live", async () => {
    await api.post(`/api/v1/connections/${stuck}/mode`, { mode: "test" });
    expect(await healthOf(stuck)).toMatchObject({ pushes: { count: 0 }, stall: null });
  });
});

describe("what else a stall can be", () => {
  it("measures webhooks not processed, due jobs no worker took, and runs that stopped beating", async () => {
    const raw = JSON.stringify({
      eventId: "stall-e1",
      topic: "orders/create",
      kind: "order",
      objectId: "o-stall",
      occurredAt: new Date(),
    });
    const delivered = await hub.app.inject({
      method: "POST",
      url: `/webhooks/test/${quiet}`,
      headers: { "content-type": "application/json", "x-test-signature": signTestWebhook(platform, raw) },
      payload: raw,
    });
    expect(delivered.statusCode).toBe(200);
    await drainConnection(hub.ctx, quiet);
    const run = await createRun(hub.ctx.db, {
      accountId: tenant.accountId,
      connectionId: quiet,
      feedKind: "new-orders",
      trigger: "manual",
    });
    await claimRun(hub.ctx.db, run.id, new Date(Date.now() - 10 * MINUTE));
    // With no workers in this hub, the drain the pump queued for the quiet store waits.
    const later = new Date(Date.now() + 3 * MINUTE);
    const [h] = (await connectionHealth(hub.ctx.db, { now: later, accountId: tenant.accountId })).filter(
      (c) => c.connectionId === quiet,
    );
    expect(h!.webhooks.count).toBe(1);
    expect(h!.webhooks.oldestSeconds).toBeGreaterThanOrEqual(180);
    expect(h!.jobs.count).toBeGreaterThanOrEqual(1);
    expect(h!.jobs.oldestSeconds).toBeGreaterThanOrEqual(180);
    expect(h!.silentRuns.count).toBe(1);
    expect(h!.silentRuns.oldestSeconds).toBeGreaterThanOrEqual(780);
    expect(h!.stall).toMatchObject({ reason: "webhooks_waiting", waiting: 1 });
    const now = (await connectionHealth(hub.ctx.db, { accountId: tenant.accountId })).find(
      (c) => c.connectionId === quiet,
    );
    expect(now!.stall).toMatchObject({ reason: "run_silent", waiting: 1 });
  });
});
