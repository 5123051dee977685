import { sql } from "drizzle-orm";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pair, runFeed, type SyncFixture, startSyncHub } from "../../../test/helpers/sync-setup.ts";
import { addTestProduct, testOrder } from "../../../test/helpers/test-connector.ts";
import { executeFeedRun } from "./feed-runner.ts";
import { tick } from "./jobs.ts";
import { createRun, finishRun, startRun } from "./runs.ts";

let f: SyncFixture;
let connectionId: string;
beforeAll(async () => {
  f = await startSyncHub();
  addTestProduct(f.platform, "TS-RED", 7);
  addTestProduct(f.platform, "TS-BLUE", 3);
  addTestProduct(f.platform, "  ", 1);
  addTestProduct(f.platform, "TS-DUP", 1);
  addTestProduct(f.platform, "TS-DUP", 2);
  connectionId = await pair(f, "Test shop");
});
afterAll(() => f?.hub.close());

describe("pairing", () => {
  it("refuses credentials the platform rejects and stores nothing", async () => {
    const res = await f.api.post("/api/v1/connections", {
      platform: "test",
      name: "Bad",
      credentials: { token: "wrong" },
    });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe("credentials_rejected");
    expect(
      (await f.api.get("/api/v1/connections")).body.items.map((c: { name: string }) => c.name),
    ).not.toContain("Bad");
  });

  it("starts in test mode with default feeds, never showing the credentials", async () => {
    const res = await f.api.get(`/api/v1/connections/${connectionId}`);
    expect(res.body).toMatchObject({ mode: "test", label: "Test Shop", credentials: { token: "…oken" } });
    expect(JSON.stringify(res.body)).not.toContain("good-token");
    const stored = await f.hub.ctx.db.execute(
      sql`select credentials_sealed from connections where id = ${connectionId}`,
    );
    expect(JSON.stringify(stored)).not.toContain("good-token");
    const feeds = (await f.api.get(`/api/v1/connections/${connectionId}/feeds`)).body.items;
    expect(feeds.find((x: { kind: string }) => x.kind === "new-orders")).toMatchObject({
      cron: "*/5 * * * *",
      enabled: true,
      direction: "inbound",
    });
    expect(feeds.find((x: { kind: string }) => x.kind === "stock-export")).toMatchObject({
      cron: null,
      direction: "outbound",
    });
  });

  it("validates schedules", async () => {
    expect(
      (
        await f.api.patch(`/api/v1/connections/${connectionId}/feeds/new-orders`, {
          cron: "every now and then",
        })
      ).status,
    ).toBe(400);
    const ok = await f.api.patch(`/api/v1/connections/${connectionId}/feeds/new-orders`, {
      cron: "*/10 * * * *",
      timezone: "Europe/Paris",
    });
    expect(ok.body).toMatchObject({ cron: "*/10 * * * *", timezone: "Europe/Paris" });
  });
});

describe("product feeds", () => {
  it("imports products with listings and reports missing and duplicate SKUs as errors", async () => {
    const { run, messages } = await runFeed(f, connectionId, "new-products");
    expect(run.status).toBe("partial");
    // the first variant with a SKU wins; the second is refused, never merged into it
    expect(run.counts).toMatchObject({ new: 3, failed: 2 });
    expect(messages.map((m) => m.code).sort()).toEqual(["duplicate_sku", "missing_sku"]);
    const red = (await f.api.get("/api/v1/products/TS-RED")).body;
    expect(red.listings).toEqual([
      expect.objectContaining({
        connectionId,
        platformVariantId: "var-1",
        inventoryItemId: "item-1",
        locationId: "loc-1",
      }),
    ]);
    expect((await f.api.get("/api/v1/products/TS-DUP")).body.listings).toEqual([
      expect.objectContaining({ platformVariantId: "var-4" }),
    ]);
    const issues = (await f.api.get("/api/v1/sync/issues?severity=error")).body.items;
    expect(issues.map((i: { code: string }) => i.code)).toEqual(
      expect.arrayContaining(["missing_sku", "duplicate_sku"]),
    );
    expect(issues[0].state).toBe("needs attention");
  });

  it("initialises stock from the platform", async () => {
    const { run } = await runFeed(f, connectionId, "initial-stock");
    expect(run.status).toBe("succeeded");
    expect((await f.api.get("/api/v1/products/TS-RED")).body).toMatchObject({ onHand: 7, available: 7 });
  });
});

describe("order feeds", () => {
  it("imports paid orders, parks unpaid ones, and notes cancelled ones", async () => {
    testOrder(f.platform, "1001", [{ sku: "TS-RED", quantity: 2 }]);
    testOrder(f.platform, "1002", [{ sku: "TS-BLUE", quantity: 1 }], {
      paid: false,
      financialStatus: "pending",
    });
    testOrder(f.platform, "1003", [{ sku: "TS-RED", quantity: 1 }], { paid: false, cancelled: true });
    const { run } = await runFeed(f, connectionId, "new-orders");
    expect(run.counts).toMatchObject({ new: 1, imported: 1, skipped: 2 });
    expect((await f.api.get("/api/v1/products/TS-RED")).body).toMatchObject({
      onHand: 7,
      reserved: 2,
      available: 5,
    });
    const retrying = (await f.api.get("/api/v1/sync/issues?severity=retry")).body.items;
    expect(retrying).toEqual([
      expect.objectContaining({
        subjectId: "1002",
        code: "unpaid",
        state: expect.stringMatching(/^retrying \(1 of 72, next at /),
      }),
    ]);
  });

  it("imports a parked order once it is paid, on the hourly recheck", async () => {
    const order = f.platform.orders.get("1002")!;
    order.paid = true;
    order.updatedAt = new Date();
    await tick(f.hub.ctx, new Date(Date.now() + 61 * 60 * 1000));
    expect((await f.api.get("/api/v1/sync/issues?severity=retry")).body.items).toEqual([]);
    expect((await f.api.get("/api/v1/orders?q=%231002")).body.items).toHaveLength(1);
  });

  it("raises an error for an unknown SKU, logs it, and imports on replay after the fix", async () => {
    testOrder(f.platform, "1004", [{ sku: "TS-GREEN", quantity: 1 }]);
    const { run } = await runFeed(f, connectionId, "new-orders");
    expect(run.counts.failed).toBe(1);
    const issue = (await f.api.get("/api/v1/sync/issues?severity=error")).body.items.find(
      (i: { subjectId: string }) => i.subjectId === "1004",
    );
    expect(issue.message).toContain('"TS-GREEN"');
    const log = (await f.api.get(`/api/v1/sync-log?sku=TS-GREEN&connectionId=${connectionId}`)).body.items;
    expect(log[0]).toMatchObject({
      direction: "pull",
      result: "failed",
      severity: "error",
      reason: expect.stringContaining("matches no product"),
    });
    await f.api.post("/api/v1/products/import", {
      products: [{ sku: "TS-GREEN", name: "Green", quantity: 4 }],
    });
    const replayed = await f.api.post(`/api/v1/sync/issues/${issue.id}/replay`, {});
    expect(replayed.body.state).toBe("resolved: imported");
    expect((await f.api.get("/api/v1/products/TS-GREEN")).body.reserved).toBe(1);
  });

  it("updates statuses on re-import and never applies an older update", async () => {
    const order = f.platform.orders.get("1001")!;
    order.financialStatus = "refunded";
    order.updatedAt = new Date(Date.now() + 1000);
    await runFeed(f, connectionId, "update-orders", true);
    const id = (await f.api.get("/api/v1/orders?q=%231001")).body.items[0].id;
    expect((await f.api.get(`/api/v1/orders/${id}`)).body.financialStatus).toBe("refunded");
    order.financialStatus = "paid";
    order.updatedAt = new Date(Date.now() - 3600_000);
    await runFeed(f, connectionId, "update-orders", true);
    expect((await f.api.get(`/api/v1/orders/${id}`)).body.financialStatus).toBe("refunded");
  });

  it("records refunds from the channel with restock", async () => {
    const before = (await f.api.get("/api/v1/products/TS-BLUE")).body;
    const order = f.platform.orders.get("1002")!;
    order.refunds = [
      {
        platformRefundId: "r-1",
        createdAt: new Date(),
        amountMinor: 1000,
        currency: "USD",
        note: null,
        lines: [{ platformLineId: "1002-l0", sku: "TS-BLUE", quantity: 1, restock: true }],
      },
    ];
    order.updatedAt = new Date(Date.now() + 2000);
    await runFeed(f, connectionId, "update-orders", true);
    const after = (await f.api.get("/api/v1/products/TS-BLUE")).body;
    expect(after.reserved).toBe(before.reserved - 1);
    const id = (await f.api.get("/api/v1/orders?q=%231002")).body.items[0].id;
    expect((await f.api.get(`/api/v1/orders/${id}`)).body).toMatchObject({
      status: "refunded",
      refunds: [expect.objectContaining({ platformRefundId: "r-1" })],
    });
  });
});

describe("orders the channel fulfilled", () => {
  it("turns the reservation into an on-hand decrement once, however often the order is read", async () => {
    const before = (await f.api.get("/api/v1/products/TS-RED")).body;
    testOrder(f.platform, "1005", [{ sku: "TS-RED", quantity: 1 }], { fulfillmentStatus: "fulfilled" });
    await runFeed(f, connectionId, "new-orders");
    await runFeed(f, connectionId, "update-orders", true);
    const after = (await f.api.get("/api/v1/products/TS-RED")).body;
    expect(after).toMatchObject({
      onHand: before.onHand - 1,
      reserved: before.reserved,
      available: before.available - 1,
    });
    const id = (await f.api.get("/api/v1/orders?q=%231005")).body.items[0].id;
    expect((await f.api.get(`/api/v1/orders/${id}`)).body).toMatchObject({
      status: "shipped",
      shipments: [expect.objectContaining({ platformShipmentId: "channel:1005" })],
    });
  });
});

describe("order backfill", () => {
  it("resumes a run killed half way from its saved page cursor", async () => {
    for (let i = 1; i <= 7; i++) testOrder(f.platform, `bf-${i}`, [{ sku: "TS-BLUE", quantity: 1 }]);
    const { createRun } = await import("./runs.ts");
    const { executeFeedRun } = await import("./feed-runner.ts");
    const { feedRuns } = await import("./schema.ts");
    const { eq } = await import("drizzle-orm");
    const run = await createRun(f.hub.ctx.db, {
      accountId: f.tenant.accountId,
      connectionId,
      feedKind: "new-orders",
      trigger: "manual",
      full: true,
    });
    // As a worker would leave it after reading (and importing) every order up to the cursor, then dying.
    const all = [...f.platform.orders.values()];
    const cursorAt = all.findIndex((o) => o.platformOrderId === "bf-4");
    await f.hub.ctx.db
      .update(feedRuns)
      .set({
        status: "running",
        startedAt: new Date(),
        progress: { done: cursorAt, total: all.length, cursor: String(cursorAt) },
      })
      .where(eq(feedRuns.id, run.id));
    await executeFeedRun(f.hub.ctx, { runId: run.id, connectionId, kind: "new-orders" });
    const finished = (await f.api.get(`/api/v1/feed-runs/${run.id}`)).body;
    expect(finished).toMatchObject({ status: "succeeded", progress: { done: all.length, cursor: null } });
    expect(finished.messages[0]).toMatchObject({ code: "resumed" });
    const imported = async (id: string) => (await f.api.get(`/api/v1/orders?q=%23${id}`)).body.items.length;
    expect(await imported("bf-3")).toBe(0);
    expect(await imported("bf-4")).toBe(1);
    expect(await imported("bf-7")).toBe(1);
  });
});

describe("a page of orders", () => {
  it("imports good orders together and reports a malformed one on its own", async () => {
    const before = (await f.api.get("/api/v1/products/TS-RED")).body.reserved;
    testOrder(f.platform, "pg-1", [{ sku: "TS-RED", quantity: 1 }]);
    // A quantity no integer column holds: the page's shared transaction fails, each order goes alone.
    testOrder(f.platform, "pg-2", [{ sku: "TS-BLUE", quantity: 3_000_000_000 }]);
    testOrder(f.platform, "pg-3", [{ sku: "TS-RED", quantity: 2 }]);
    const { run, messages } = await runFeed(f, connectionId, "new-orders");
    expect(run.status).toBe("partial");
    expect(run.counts).toMatchObject({ failed: 1 });
    expect(messages.filter((m: { code: string }) => m.code === "order_failed")).toEqual([
      expect.objectContaining({
        subject: "pg-2",
        message: expect.stringMatching(/^order #pg-2: .*out of range/),
      }),
    ]);
    const imported = async (id: string) => (await f.api.get(`/api/v1/orders?q=%23${id}`)).body.items.length;
    expect([await imported("pg-1"), await imported("pg-2"), await imported("pg-3")]).toEqual([1, 0, 1]);
    expect((await f.api.get("/api/v1/products/TS-RED")).body.reserved).toBe(before + 3);
  });
});

describe("feed runs", () => {
  it("lists runs with filters and shows messages", async () => {
    const list = await f.api.get(`/api/v1/feed-runs?connectionId=${connectionId}&feed=new-products&limit=5`);
    expect(list.body.items.find((r: { trigger: string }) => r.trigger === "manual")).toMatchObject({
      feedKind: "new-products",
      status: "partial",
    });
    const manual = list.body.items.find((r: { trigger: string }) => r.trigger === "manual");
    const detail = await f.api.get(`/api/v1/feed-runs/${manual.id}`);
    expect(detail.body.messages.length).toBeGreaterThan(0);
    expect((await f.api.get("/api/v1/feed-runs?q=duplicate")).body.items.length).toBeGreaterThan(0);
    expect((await f.api.get("/api/v1/feed-runs?status=failed&feed=stock-check")).body.items).toEqual([]);
  });

  it('finds "50%_off" in run errors and messages literally, not as a pattern', async () => {
    const failWith = async (error: string, message: string) => {
      const run = await createRun(f.hub.ctx.db, {
        accountId: f.tenant.accountId,
        connectionId,
        feedKind: "new-orders",
        trigger: "manual",
      });
      const recorder = await startRun(f.hub.ctx.db, run);
      await recorder.message("error", "order_failed", message);
      await finishRun(f.hub.ctx.db, recorder, "failed", error);
      return run.id;
    };
    const byError = await failWith("coupon 50%_off was refused", "order #1 failed");
    const byMessage = await failWith("2 orders failed", "order #2: coupon 50%_off was refused");
    await failWith("coupon 50 percent off was refused", "coupon 5000_off was refused");
    const found = (await f.api.get(`/api/v1/feed-runs?q=${encodeURIComponent("50%_off")}&limit=50`)).body
      .items;
    expect(found.map((r: { id: string }) => r.id).sort()).toEqual([byError, byMessage].sort());
  });

  it("writes a run's log lines with its run, connection and feed", async () => {
    const lines: Record<string, unknown>[] = [];
    const logger = pino({ level: "debug" }, { write: (line: string) => lines.push(JSON.parse(line)) });
    const run = await createRun(f.hub.ctx.db, {
      accountId: f.tenant.accountId,
      connectionId,
      feedKind: "new-products",
      trigger: "manual",
    });
    f.platform.beforeCall = (operation) => {
      if (operation === "listProducts") throw new Error("catalogue unavailable");
    };
    try {
      await executeFeedRun({ ...f.hub.ctx, logger }, { runId: run.id, connectionId, kind: "new-products" });
    } finally {
      f.platform.beforeCall = undefined;
    }
    expect(lines).toContainEqual(
      expect.objectContaining({ msg: "feed run failed", runId: run.id, connectionId, feed: "new-products" }),
    );
  });

  it("queues Run now once and blocks outbound feeds in test mode", async () => {
    const first = await f.api.post(`/api/v1/connections/${connectionId}/feeds/update-products/run`, {});
    expect(first.status).toBe(202);
    const second = await f.api.post(`/api/v1/connections/${connectionId}/feeds/update-products/run`, {});
    expect(second.body).toMatchObject({ id: first.body.id, alreadyQueued: true });
    const { run, messages } = await runFeed(f, connectionId, "shipping-confirmation");
    expect(run.status).toBe("blocked");
    expect(run.errorCode).toBe("mode_blocked");
    expect(messages[0]!.code).toBe("test_mode");
  });

  it("claims due schedules on the tick", async () => {
    await f.hub.ctx.db.execute(
      sql`update feeds set next_run_at = now() - interval '1 minute' where connection_id = ${connectionId} and kind = 'stock-check'`,
    );
    await tick(f.hub.ctx);
    const runs = (await f.api.get(`/api/v1/feed-runs?connectionId=${connectionId}&trigger=schedule`)).body
      .items;
    expect(runs).toEqual(
      expect.arrayContaining([expect.objectContaining({ feedKind: "stock-check", status: "queued" })]),
    );
  });
});
