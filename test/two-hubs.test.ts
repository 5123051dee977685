import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { QuickBooksClients } from "../src/connectors/quickbooks-online/index.ts";
import { appendEvents } from "../src/modules/events/index.ts";
import { notifyOnce } from "../src/modules/notifications/index.ts";
import { refundRecorded } from "../src/modules/orders/index.ts";
import type { QuickBooksOnlineSandbox } from "../src/sandboxes/quickbooks-online/index.ts";
import { type Api, apiFor } from "./helpers/api.ts";
import { createTenant, startTestHub, type Tenant, type TestHub } from "./helpers/hub.ts";
import { credentialsFor, startCompany } from "./helpers/quickbooks-session.ts";
import { type SmtpCapture, startSmtpCapture } from "./helpers/smtp-capture.ts";

/**
 * Two hubs in one process (each on its own database) keep their process state apart: what one
 * creates — QuickBooks realm limits, SMTP transports, account hooks — the other neither sees nor
 * loses, and stopping one clears its own state while the other goes on working.
 */

const QBO = "quickbooks-online";

type Side = { hub: TestHub; tenant: Tenant; api: Api; mailTo: string };

let smtp: SmtpCapture;
let company: QuickBooksOnlineSandbox;
let a: Side;
let b: Side;
let aStopped = false;

async function startSide(name: string): Promise<Side> {
  const hub = await startTestHub({ env: { SMTP_URL: smtp.url, STOCKWIRE_ALLOW_PRIVATE_URLS: "1" } });
  const tenant = await createTenant(hub, name);
  const api = apiFor(hub.app, tenant);
  const mailTo = `ops-${name.toLowerCase()}@example.com`;
  const settings = await api.put("/api/v1/notification-settings", {
    globalOptIn: true,
    types: {},
    override: { enabled: true, emails: mailTo },
  });
  expect(settings.status, JSON.stringify(settings.body)).toBe(200);
  return { hub, tenant, api, mailTo };
}

const qboClients = (side: Side) => side.hub.ctx.platformClients[QBO] as QuickBooksClients;

async function connectBooks(side: Side, name: string): Promise<string> {
  const res = await side.api.post("/api/v1/connections", {
    platform: QBO,
    name,
    credentials: credentialsFor(company),
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
}

/** A refund notification for the side's account, e-mailed to its override address through SMTP. */
async function mailRefund(side: Side, refundId: string): Promise<string[]> {
  await appendEvents(side.hub.ctx.db, [
    refundRecorded.of({
      accountId: side.tenant.accountId,
      payload: {
        orderId: refundId,
        orderNumber: refundId,
        refundId,
        connectionId: null,
        amountMinor: 500,
        currency: "USD",
        lines: [{ sku: "MUG", quantity: 1, restock: false }],
      },
    }),
  ]);
  await notifyOnce(side.hub.ctx);
  return smtp.received.filter((m) => m.data.includes(refundId)).flatMap((m) => m.to);
}

async function warehouseNames(api: Api): Promise<string[]> {
  const res = await api.get("/api/v1/warehouses");
  expect(res.status).toBe(200);
  return (res.body.items as { name: string }[]).map((w) => w.name);
}

beforeAll(async () => {
  [smtp, company] = await Promise.all([startSmtpCapture(), startCompany({ items: 2 })]);
  [a, b] = await Promise.all([startSide("A"), startSide("B")]);
}, 60_000);
afterAll(async () => {
  if (!aStopped) await a?.hub.close();
  await b?.hub.close();
  await company?.close();
  await smtp?.close();
});

describe("two hubs in one process", () => {
  it("each runs its own account hooks: a new account gets its Default warehouse on either", async () => {
    expect(await warehouseNames(a.api)).toEqual(["Default"]);
    expect(await warehouseNames(b.api)).toEqual(["Default"]);
    expect(a.hub.ctx.accountHooks).not.toBe(b.hub.ctx.accountHooks);
  });

  it("keeps QuickBooks realm limits per hub: a connection made on A leaves B's empty", async () => {
    await connectBooks(a, "Books A");
    expect(qboClients(a).size).toBe(1);
    expect(qboClients(b).size).toBe(0);
    await connectBooks(b, "Books B");
    expect(qboClients(b).size).toBe(1);
    // The same realm on both hubs, each drawing from its own budget.
    const realm = `${company.url}|${company.realmId}`;
    expect(qboClients(a).limitsFor(realm)).not.toBe(qboClients(b).limitsFor(realm));
    expect(qboClients(a).size).toBe(1);
  });

  it("keeps SMTP transports per hub: mail sent by A opens no transport on B", async () => {
    expect(await mailRefund(a, "REFUND-A1")).toEqual([a.mailTo]);
    expect(a.hub.ctx.mail.size).toBe(1);
    expect(b.hub.ctx.mail.size).toBe(0);
    expect(await mailRefund(b, "REFUND-B1")).toEqual([b.mailTo]);
    expect(b.hub.ctx.mail.size).toBe(1);
  });

  it("stopping A clears A's state and leaves B working with its own intact", async () => {
    await a.hub.close();
    aStopped = true;
    expect(qboClients(a).size).toBe(0);
    expect(a.hub.ctx.mail.size).toBe(0);
    expect(a.hub.ctx.accountHooks.size).toBe(0);

    expect(qboClients(b).size).toBe(1);
    expect(b.hub.ctx.mail.size).toBe(1);
    expect(b.hub.ctx.accountHooks.size).toBe(1);

    // B's API, QuickBooks limits, mail transport and hooks all still serve.
    const listed = await b.api.get("/api/v1/connections");
    expect(listed.status).toBe(200);
    expect((listed.body.items as { name: string }[]).map((c) => c.name)).toEqual(["Books B"]);
    await connectBooks(b, "Books B2");
    expect(qboClients(b).size).toBe(1);
    expect(await mailRefund(b, "REFUND-B2")).toEqual([b.mailTo]);
    const later = await createTenant(b.hub, "B later");
    expect(await warehouseNames(apiFor(b.hub.app, later))).toEqual(["Default"]);
  });
});
