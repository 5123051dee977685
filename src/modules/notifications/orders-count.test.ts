import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Api, apiFor } from "../../../test/helpers/api.ts";
import { createTenant, startTestHub, type Tenant, type TestHub } from "../../../test/helpers/hub.ts";
import { createTestConnector, createTestPlatform } from "../../../test/helpers/test-connector.ts";
import type { Connector } from "../../connectors/contract.ts";
import { reportOrderCounts } from "./scheduled.ts";

let hub: TestHub;
let api: Api;
let tenant: Tenant;
let daily: string;
let weekly: string;

beforeAll(async () => {
  const platform = createTestPlatform();
  hub = await startTestHub({ connectors: { test: createTestConnector(platform) as Connector<unknown> } });
  tenant = await createTenant(hub);
  api = apiFor(hub.app, tenant);
  daily = (
    await api.post("/api/v1/connections", {
      platform: "test",
      name: "Daily shop",
      credentials: { token: platform.token },
    })
  ).body.id;
  weekly = (
    await api.post("/api/v1/connections", {
      platform: "test",
      name: "Weekly shop",
      credentials: { token: platform.token },
    })
  ).body.id;
  await api.post("/api/v1/products/import", { products: [{ sku: "CNT-1", name: "Counted", quantity: 100 }] });
  // Orders on Monday 2026-11-23 and Wednesday 2026-11-25 for both connections.
  for (const [i, day] of ["2026-11-23T10:00:00Z", "2026-11-25T10:00:00Z"].entries()) {
    for (const connectionId of [daily, weekly]) {
      await api.post("/api/v1/orders", {
        connectionId,
        platformOrderId: `c-${i}`,
        placedAt: day,
        currency: "USD",
        lines: [{ sku: "CNT-1", quantity: 1, unitPriceMinor: 100 }],
      });
    }
  }
});
afterAll(() => hub?.close());

const counts = async () =>
  (
    (await hub.ctx.db.execute(
      sql`select title from notifications where account_id = ${tenant.accountId} and type = 'orders_count' order by title`,
    )) as unknown as { rows: { title: string }[] }
  ).rows.map((r) => r.title);

describe("total orders count", () => {
  it("reports daily by default and weekly where a connection asks for it", async () => {
    const put = await hub.app.inject({
      method: "PUT",
      url: "/api/v1/notification-settings",
      headers: { ...tenant.auth, "content-type": "application/json" },
      payload: { connections: [{ connectionId: weekly, types: {}, ordersCountPeriod: "week" }] },
    });
    expect(put.json().connections).toEqual(
      expect.arrayContaining([expect.objectContaining({ connectionId: weekly, ordersCountPeriod: "week" })]),
    );

    await reportOrderCounts(hub.ctx.db, new Date("2026-11-25T23:55:00Z")); // a Wednesday
    expect(await counts()).toEqual(['Today we have processed 1 orders for "Daily shop"']);
    await reportOrderCounts(hub.ctx.db, new Date("2026-11-29T23:55:00Z")); // Sunday: the week ends
    expect(await counts()).toEqual(
      [
        'This week we have processed 2 orders for "Weekly shop"',
        'Today we have processed 0 orders for "Daily shop"',
        'Today we have processed 1 orders for "Daily shop"',
      ].sort(),
    );
  });

  it("refuses an unknown period and saves nothing", async () => {
    const res = await hub.app.inject({
      method: "PUT",
      url: "/api/v1/notification-settings",
      headers: { ...tenant.auth, "content-type": "application/json" },
      payload: { connections: [{ connectionId: daily, types: {}, ordersCountPeriod: "fortnight" }] },
    });
    expect(res.statusCode).toBe(400);
    const view = (await api.get("/api/v1/notification-settings")).body;
    expect(view.connections.find((c: { connectionId: string }) => c.connectionId === daily)).toBeUndefined();
  });
});
