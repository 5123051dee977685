import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Api, apiFor } from "../../../test/helpers/api.ts";
import { createTenant, startTestHub, type Tenant, type TestHub } from "../../../test/helpers/hub.ts";
import { createApiToken, createUser } from "../accounts/index.ts";
import { appendEvents } from "../events/index.ts";
import { refundRecorded } from "../orders/index.ts";
import { feedRunFinished } from "../sync/index.ts";
import { notifyOnce } from "./notifier.ts";

let hub: TestHub;
let a: Tenant;
let api: Api;
let colleague: Api;
let other: Api;

const counts = { imported: 4, updated: 2, new: 1, archived: 0, skipped: 0, failed: 1 };
/** A connection id no connection has (any more): its notifications name it "deleted connection". */
const GONE_CONNECTION = "00000000-0000-4000-8000-00000000c0de";

beforeAll(async () => {
  hub = await startTestHub();
  a = await createTenant(hub, "Centre shop");
  api = apiFor(hub.app, a);
  const user = await createUser(hub.ctx.db, a.accountId, {
    email: `colleague-${Date.now()}@example.com`,
    password: "correct horse battery",
    role: "member",
  });
  const { token } = await createApiToken(hub.ctx.db, user, "t");
  colleague = apiFor(hub.app, { ...a, userId: user.id, token, auth: { authorization: `Bearer ${token}` } });
  other = apiFor(hub.app, await createTenant(hub, "Other shop"));
  await appendEvents(hub.ctx.db, [
    feedRunFinished.of({
      accountId: a.accountId,
      payload: {
        runId: "r1",
        connectionId: GONE_CONNECTION,
        feedKind: "new-orders",
        trigger: "schedule",
        status: "partial",
        counts,
        error: null,
      },
    }),
    refundRecorded.of({
      accountId: a.accountId,
      subject: "o1",
      payload: {
        orderId: "o1",
        orderNumber: "o1",
        refundId: "f1",
        connectionId: null,
        amountMinor: 1250,
        currency: "USD",
        lines: [{ sku: "MUG-RED", quantity: 1, restock: true }],
      },
    }),
  ]);
  await notifyOnce(hub.ctx);
});
afterAll(() => hub?.close());

const list = async (client: Api, query = "") => (await client.get(`/api/v1/notifications${query}`)).body;

describe("notification centre", () => {
  it("records notifications from events with nobody signed in, with the seed wording and counts", async () => {
    const { items } = await list(api);
    expect(items.map((n: { title: string }) => n.title).sort()).toEqual([
      "Customer has initiated refund request for Product #MUG-RED",
      'new-orders partial for "deleted connection"',
    ]);
    const job = items.find((n: { type: string }) => n.type === "job_completion");
    expect(job.body).toContain("Imported: 4");
    expect(job.data.counts).toEqual(counts);
  });

  it("filters by type and severity and searches title and body", async () => {
    expect((await list(api, "?type=product_refund")).items).toHaveLength(1);
    expect((await list(api, "?severity=error")).items).toHaveLength(0);
    expect((await list(api, "?q=MUG-RED")).items).toHaveLength(1);
    expect((await list(api, "?q=refund%20request")).items).toHaveLength(1);
    expect((await list(api, "?q=Imported")).items[0].type).toBe("job_completion");
    expect((await list(api, "?q=nothing-like-this")).items).toHaveLength(0);
    expect((await api.get("/api/v1/notifications?severity=loud")).status).toBe(400);
  });

  it("keeps read state per user and counts unread for the bell", async () => {
    const [first] = (await list(api)).items;
    expect((await api.get("/api/v1/notifications/unread-count")).body).toEqual({ unread: 2 });
    expect((await api.post(`/api/v1/notifications/${first.id}/read`)).status).toBe(204);
    expect((await api.get("/api/v1/notifications/unread-count")).body).toEqual({ unread: 1 });
    expect((await colleague.get("/api/v1/notifications/unread-count")).body).toEqual({ unread: 2 });
    expect((await list(api, "?read=true")).items.map((n: { id: string }) => n.id)).toEqual([first.id]);
    const detail = (await api.get(`/api/v1/notifications/${first.id}`)).body;
    expect(detail).toMatchObject({ id: first.id, read: true });
    await api.post(`/api/v1/notifications/${first.id}/unread`);
    expect((await api.get("/api/v1/notifications/unread-count")).body).toEqual({ unread: 2 });
  });

  it("marks all read, optionally filtered, for the caller only and never another account", async () => {
    const otherBefore = (await other.get("/api/v1/notifications/unread-count")).body;
    expect((await api.post("/api/v1/notifications/read-all", { type: "product_refund" })).body).toEqual({
      marked: 1,
    });
    expect((await api.get("/api/v1/notifications/unread-count")).body).toEqual({ unread: 1 });
    expect((await api.post("/api/v1/notifications/read-all", {})).body).toEqual({ marked: 1 });
    expect((await api.get("/api/v1/notifications/unread-count")).body).toEqual({ unread: 0 });
    expect((await colleague.get("/api/v1/notifications/unread-count")).body).toEqual({ unread: 2 });
    expect((await other.get("/api/v1/notifications/unread-count")).body).toEqual(otherBefore);
    expect((await api.post("/api/v1/notifications/read-all", { severity: "loud" })).status).toBe(400);
  });

  it("answers 404 problem JSON for an unknown notification", async () => {
    const res = await api.post("/api/v1/notifications/00000000-0000-4000-8000-000000000000/read");
    expect(res.status).toBe(404);
    expect(res.body.code).toBe("notification_not_found");
  });

  it("records nothing twice when the same events are consumed again", async () => {
    const before = (await list(api)).items.length;
    await hub.ctx.db.execute(
      sql`update event_cursors set txid = 0, event_id = 0 where consumer = 'notifications'`,
    );
    await notifyOnce(hub.ctx);
    expect((await list(api)).items.length).toBe(before);
  });
});
