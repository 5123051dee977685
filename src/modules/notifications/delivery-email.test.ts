import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Api, apiFor } from "../../../test/helpers/api.ts";
import { createTenant, startTestHub, type Tenant, type TestHub } from "../../../test/helpers/hub.ts";
import { type SmtpCapture, startSmtpCapture } from "../../../test/helpers/smtp-capture.ts";
import { queryRows } from "../../db/rows.ts";
import { appendEvents } from "../events/index.ts";
import { refundRecorded } from "../orders/index.ts";
import { deliverDue, SENDING_LEASE_MS } from "./delivery.ts";
import { notifyOnce } from "./notifier.ts";

let smtp: SmtpCapture;
let hub: TestHub;
let a: Tenant;
let api: Api;

beforeAll(async () => {
  smtp = await startSmtpCapture();
  hub = await startTestHub({ env: { SMTP_URL: smtp.url } });
  a = await createTenant(hub, "Mail shop");
  api = apiFor(hub.app, a);
});
afterAll(async () => {
  await hub?.close();
  await smtp?.close();
});

/** The shared client has no PUT; settings are saved with one. */
async function put(url: string, payload: object) {
  const res = await hub.app.inject({
    method: "PUT",
    url,
    headers: { ...a.auth, "content-type": "application/json" },
    payload,
  });
  return { status: res.statusCode, body: res.json() };
}

const refundEvent = (sku: string) =>
  appendEvents(hub.ctx.db, [
    refundRecorded.of({
      accountId: a.accountId,
      payload: {
        orderId: "o",
        orderNumber: "o",
        refundId: sku,
        connectionId: null,
        amountMinor: 500,
        currency: "USD",
        lines: [{ sku, quantity: 1, restock: false }],
      },
    }),
  ]);

const deliveries = () =>
  queryRows<{ recipient: string; status: string; attempts: number; last_error: string | null }>(
    hub.ctx.db,
    sql`select recipient, status, attempts, last_error from notification_deliveries where account_id = ${a.accountId} order by recipient`,
  );

describe("settings", () => {
  it("refuses a bad override address with a 400 naming it and saves nothing", async () => {
    const before = (await api.get("/api/v1/notification-settings")).body;
    const res = await put("/api/v1/notification-settings", {
      globalOptIn: true,
      types: { low_stock: false },
      override: { enabled: true, emails: "ops@example.com, not-an-address , buyer@example.com" },
    });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: "email_invalid" });
    expect(res.body.detail).toContain('"not-an-address"');
    expect((await api.get("/api/v1/notification-settings")).body).toEqual(before);
  });

  it("saves switches, opt-in and the override list in one update", async () => {
    const res = await put("/api/v1/notification-settings", {
      globalOptIn: true,
      types: { job_completion: false },
      override: { enabled: true, emails: "ops@example.com, Buyer@Example.com" },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      globalOptIn: true,
      override: { enabled: true, emails: ["ops@example.com", "buyer@example.com"] },
      types: { job_completion: false, low_stock: true },
    });
  });
});

describe("e-mail delivery", () => {
  it("sends each notification once to every override address through SMTP", async () => {
    smtp.received.length = 0;
    await refundEvent("MUG-MAIL");
    await notifyOnce(hub.ctx);
    expect(smtp.received.flatMap((m) => m.to).sort()).toEqual(["buyer@example.com", "ops@example.com"]);
    const [mail] = smtp.received;
    expect(mail!.data).toContain("Subject: Customer has initiated refund request for Product #MUG-MAIL");
    expect(mail!.data).toContain("Order o: 1 unit(s), refund 5.00 USD");
    expect((await deliveries()).map((d) => d.status)).toEqual(["sent", "sent"]);
    await deliverDue(hub.ctx, new Date(Date.now() + 86_400_000));
    expect(smtp.received).toHaveLength(2);
  });

  it("retries a refused e-mail with back-off and sends it once accepted", async () => {
    await hub.ctx.db.execute(sql`delete from notification_deliveries where account_id = ${a.accountId}`);
    smtp.received.length = 0;
    smtp.refuse.add("ops@example.com");
    await refundEvent("MUG-RETRY");
    await notifyOnce(hub.ctx);
    let ops = (await deliveries()).find((d) => d.recipient === "ops@example.com")!;
    expect(ops).toMatchObject({ status: "pending", attempts: 1 });
    expect(ops.last_error).toContain("try later");
    await deliverDue(hub.ctx);
    expect((await deliveries()).find((d) => d.recipient === "ops@example.com")!.attempts).toBe(1);
    smtp.refuse.clear();
    await deliverDue(hub.ctx, new Date(Date.now() + 31_000));
    ops = (await deliveries()).find((d) => d.recipient === "ops@example.com")!;
    expect(ops).toMatchObject({ status: "sent", attempts: 2 });
    expect(smtp.received.filter((m) => m.to.includes("ops@example.com"))).toHaveLength(1);
  });

  it("never resends after a crash between the send and its record: the delivery turns uncertain", async () => {
    await hub.ctx.db.execute(sql`delete from notification_deliveries where account_id = ${a.accountId}`);
    smtp.received.length = 0;
    await refundEvent("MUG-CRASH");
    // Record the notification without sending, then play the crash: claimed (sending), never recorded.
    const { consumeNotificationEvents, NOTIFY_CONSUMER } = await import("./consumer.ts");
    const { consumeUntilCaughtUp } = await import("../events/index.ts");
    await consumeUntilCaughtUp(hub.ctx.db, NOTIFY_CONSUMER, () => consumeNotificationEvents(hub.ctx));
    const claimedAt = new Date(Date.now() - SENDING_LEASE_MS - 1000).toISOString();
    await hub.ctx.db.execute(
      sql`update notification_deliveries set status = 'sending', attempts = 1, claimed_at = ${claimedAt} where account_id = ${a.accountId}`,
    );
    await deliverDue(hub.ctx);
    expect((await deliveries()).map((d) => d.status)).toEqual(["uncertain", "uncertain"]);
    expect(smtp.received).toHaveLength(0);
  });
});
