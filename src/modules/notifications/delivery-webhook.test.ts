import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Api, apiFor } from "../../../test/helpers/api.ts";
import { createTenant, startTestHub, type Tenant, type TestHub } from "../../../test/helpers/hub.ts";
import { queryRows } from "../../db/rows.ts";
import { syncError } from "../connections/index.ts";
import { appendEvents } from "../events/index.ts";
import { refundRecorded } from "../orders/index.ts";
import { deliverDue } from "./delivery.ts";
import { notifyOnce } from "./notifier.ts";
import { DELIVERY_HEADER, SIGNATURE_HEADER, signWebhook, TIMESTAMP_HEADER } from "./webhook-sender.ts";

type Hit = { body: string; signature: string; timestamp: string; delivery: string };
const hits: Hit[] = [];
let failNext = 0;
let server: Server;
let url: string;
let hub: TestHub;
let a: Tenant;
let api: Api;

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => {
      body += c.toString();
    });
    req.on("end", () => {
      if (failNext > 0) {
        failNext--;
        res.writeHead(500).end();
        return;
      }
      hits.push({
        body,
        signature: String(req.headers[SIGNATURE_HEADER]),
        timestamp: String(req.headers[TIMESTAMP_HEADER]),
        delivery: String(req.headers[DELIVERY_HEADER]),
      });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  hub = await startTestHub({ env: { STOCKWIRE_ALLOW_PRIVATE_URLS: "1" } });
  a = await createTenant(hub, "Hook shop");
  api = apiFor(hub.app, a);
});
afterAll(async () => {
  await hub?.close();
  await new Promise((r) => server.close(r));
});

const raiseSyncError = (subjectId: string) =>
  appendEvents(hub.ctx.db, [
    syncError.of({
      accountId: a.accountId,
      payload: {
        issueId: subjectId,
        connectionId: "00000000-0000-4000-8000-00000000c0de",
        feedKind: "new-products",
        subjectType: "variant",
        subjectId,
        code: "missing_sku",
        message: "no SKU",
      },
    }),
  ]);

describe("webhook delivery", () => {
  it("posts signed JSON that the receiver can verify, once", async () => {
    const created = await api.post("/api/v1/notification-webhooks", { url });
    expect(created.status).toBe(201);
    expect(created.body.secret).toMatch(/^whsec_/);
    expect(JSON.stringify((await api.get("/api/v1/notification-webhooks")).body)).not.toContain(
      created.body.secret,
    );
    await raiseSyncError("v-1");
    await notifyOnce(hub.ctx);
    // sync_error and product_sync_failed: one post each
    expect(hits).toHaveLength(2);
    for (const hit of hits) {
      expect(hit.signature).toBe(signWebhook(created.body.secret, hit.timestamp, hit.body));
    }
    const titles = hits.map((h) => JSON.parse(h.body).notification.title).sort();
    expect(titles).toContain('Getting error while synchronizing this product "v-1"');
    await deliverDue(hub.ctx, new Date(Date.now() + 86_400_000));
    expect(hits).toHaveLength(2);
    await api.delete(`/api/v1/notification-webhooks/${created.body.id}`);
  });

  it("retries a failing webhook with back-off and posts it in Slack's shape", async () => {
    hits.length = 0;
    const created = await api.post("/api/v1/notification-webhooks", { url, format: "slack" });
    failNext = 2;
    await appendEvents(hub.ctx.db, [
      refundRecorded.of({
        accountId: a.accountId,
        payload: {
          orderId: "o",
          orderNumber: "o",
          refundId: "r",
          connectionId: null,
          amountMinor: 100,
          currency: "EUR",
          lines: [{ sku: "SLACK-1", quantity: 1, restock: false }],
        },
      }),
    ]);
    await notifyOnce(hub.ctx);
    const state = () =>
      queryRows<{ status: string; attempts: number; last_error: string | null; next_attempt_at: Date }>(
        hub.ctx.db,
        sql`select status, attempts, last_error, next_attempt_at from notification_deliveries where recipient = ${created.body.id}`,
      );
    expect((await state())[0]).toMatchObject({
      status: "pending",
      attempts: 1,
      last_error: "webhook answered HTTP 500",
    });
    await deliverDue(hub.ctx, new Date(Date.now() + 31_000));
    const second = (await state())[0]!;
    expect(second).toMatchObject({ status: "pending", attempts: 2 });
    // back-off doubled: not due 31 s later than before
    expect(new Date(second.next_attempt_at).getTime()).toBeGreaterThan(Date.now() + 31_000 + 50_000);
    await deliverDue(hub.ctx, new Date(Date.now() + 10 * 60_000));
    expect((await state())[0]).toMatchObject({ status: "sent", attempts: 3 });
    expect(hits).toHaveLength(1);
    expect(JSON.parse(hits[0]!.body)).toEqual({
      text: "*Customer has initiated refund request for Product #SLACK-1*\nOrder o: 1 unit(s), refund 1.00 EUR",
    });
  });

  it("refuses a webhook URL that is not http(s)", async () => {
    const res = await api.post("/api/v1/notification-webhooks", { url: "ftp://example.com/x" });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect((await api.get("/api/v1/notification-webhooks")).body.items).toHaveLength(1);
  });
});
