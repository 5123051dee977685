import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Api, apiFor } from "../../../test/helpers/api.ts";
import { createTenant, startTestHub, type Tenant, type TestHub } from "../../../test/helpers/hub.ts";
import { createTestConnector, createTestPlatform } from "../../../test/helpers/test-connector.ts";
import type { Connector } from "../../connectors/contract.ts";
import { accounts } from "../accounts/schema.ts";
import { salesByDay } from "./sales-report.ts";

let hub: TestHub;
let tenant: Tenant;
let api: Api;
let storeId: string;

let seq = 0;
async function order(placedAt: Date, totalMinor: number, extra: Record<string, unknown> = {}) {
  seq += 1;
  const res = await api.post("/api/v1/orders", {
    platformOrderId: `sr-${seq}`,
    placedAt: placedAt.toISOString(),
    currency: "USD",
    lines: [{ sku: "MUG", quantity: 1, unitPriceMinor: totalMinor }],
    totalMinor,
    ...extra,
  });
  if (res.status !== 201) throw new Error(`order not created: ${JSON.stringify(res.body)}`);
  return res.body.orderId as string;
}

beforeAll(async () => {
  const platform = createTestPlatform();
  hub = await startTestHub({ connectors: { test: createTestConnector(platform) as Connector<unknown> } });
  tenant = await createTenant(hub);
  api = apiFor(hub.app, tenant);
  await api.post("/api/v1/products/import", { products: [{ sku: "MUG", name: "Mug", quantity: 1000 }] });
  const store = await api.post("/api/v1/connections", {
    platform: "test",
    name: "Corner store",
    credentials: { token: platform.token },
  });
  storeId = store.body.id;
});
afterAll(() => hub?.close());

describe("sales by day and channel", () => {
  it("sums orders and revenue per day and connection, leaving cancelled and older orders out", async () => {
    const at = (iso: string) => new Date(`2026-06-${iso}Z`);
    await order(at("11T10:00:00"), 1500, { connectionId: storeId });
    await order(at("11T23:59:00"), 2500, { connectionId: storeId });
    await order(at("11T09:00:00"), 999, { connectionId: storeId, cancelled: true });
    await order(at("11T08:00:00"), 700);
    await order(at("10T00:00:00"), 4000, { connectionId: storeId });
    await order(at("12T00:00:00"), 8000, { connectionId: storeId });
    await order(new Date("2026-05-12T23:59:59Z"), 123_456, { connectionId: storeId });
    const refunded = await order(at("10T12:00:00"), 1000, { connectionId: storeId });
    await api.post(`/api/v1/orders/${refunded}/refunds`, { currency: "USD", amountMinor: 400 });

    const report = await salesByDay(hub.ctx.db, tenant.accountId, 30, at("11T20:00:00"));
    const store = { connectionId: storeId, connectionName: "Corner store", currency: "USD" };
    expect(report).toEqual({
      timezone: "UTC",
      from: "2026-05-13",
      to: "2026-06-11",
      items: [
        { ...store, day: "2026-06-10", orders: 2, revenueMinor: 5000, refundedMinor: 400 },
        { ...store, day: "2026-06-11", orders: 2, revenueMinor: 4000, refundedMinor: 0 },
        {
          day: "2026-06-11",
          connectionId: null,
          connectionName: "Entered through the API",
          orders: 1,
          revenueMinor: 700,
          refundedMinor: 0,
          currency: "USD",
        },
      ],
    });
    const oneDay = await salesByDay(hub.ctx.db, tenant.accountId, 1, at("11T20:00:00"));
    expect(oneDay.items.map((i) => i.revenueMinor)).toEqual([4000, 700]);
  });

  it("answers over HTTP for the days up to today, an order placed now included", async () => {
    const placedAt = new Date();
    await order(placedAt, 3300, { connectionId: storeId });
    const res = await api.get("/api/v1/reports/sales?days=7");
    expect(res.status).toBe(200);
    expect(res.body.to >= placedAt.toISOString().slice(0, 10)).toBe(true);
    expect(res.body.items).toContainEqual(
      expect.objectContaining({ day: placedAt.toISOString().slice(0, 10), connectionId: storeId, orders: 1 }),
    );
    expect(res.body.items.every((i: { day: string }) => i.day >= res.body.from && i.day <= res.body.to)).toBe(
      true,
    );
  });

  it("buckets days on the account's clock, not UTC", async () => {
    // 02:00 UTC on 2026-03-10 is still the evening of 2026-03-09 in New York.
    const other = await createTenant(hub);
    const otherApi = apiFor(hub.app, other);
    await otherApi.post("/api/v1/products/import", { products: [{ sku: "MUG", name: "Mug", quantity: 5 }] });
    await hub.ctx.db
      .update(accounts)
      .set({ timezone: "America/New_York" })
      .where(eq(accounts.id, other.accountId));
    await otherApi.post("/api/v1/orders", {
      platformOrderId: "ny-1",
      placedAt: "2026-03-10T02:00:00Z",
      currency: "EUR",
      lines: [{ sku: "MUG", quantity: 1, unitPriceMinor: 900 }],
    });
    const report = await salesByDay(hub.ctx.db, other.accountId, 7, new Date("2026-03-11T12:00:00Z"));
    expect(report).toMatchObject({ timezone: "America/New_York", from: "2026-03-05", to: "2026-03-11" });
    expect(report.items).toEqual([
      expect.objectContaining({ day: "2026-03-09", orders: 1, revenueMinor: 900, currency: "EUR" }),
    ]);
  });

  it("refuses a window it cannot answer with a 400 and no data", async () => {
    for (const days of ["0", "367", "many"]) {
      const res = await api.get(`/api/v1/reports/sales?days=${days}`);
      expect(res.status).toBe(400);
      expect(res.body.items).toBeUndefined();
    }
  });

  it("shows an account only its own sales", async () => {
    const stranger = apiFor(hub.app, await createTenant(hub));
    const res = await stranger.get("/api/v1/reports/sales");
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([]);
  });
});
