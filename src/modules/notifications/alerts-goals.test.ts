import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Api, apiFor } from "../../../test/helpers/api.ts";
import { createTenant, startTestHub, type Tenant, type TestHub } from "../../../test/helpers/hub.ts";
import { notifyOnce } from "./notifier.ts";
import { checkStockPlans } from "./scheduled.ts";

let hub: TestHub;
let a: Tenant;
let api: Api;
let orderNo = 0;

beforeAll(async () => {
  hub = await startTestHub();
  a = await createTenant(hub, "Alert shop");
  api = apiFor(hub.app, a);
  const res = await api.post("/api/v1/products/import", {
    products: [
      { sku: "LOW-1", name: "Low mug", quantity: 5, lowStockThreshold: 3, leadTimeDays: 10 },
      { sku: "IDLE-1", name: "Idle mug", quantity: 50 },
    ],
  });
  expect(res.status).toBeLessThan(300);
  await notifyOnce(hub.ctx);
});
afterAll(() => hub?.close());

const order = (sku: string, quantity: number, unitPriceMinor = 1000, email = "shopper@example.com") =>
  api.post("/api/v1/orders", {
    platformOrderId: `ag-${++orderNo}`,
    placedAt: new Date().toISOString(),
    currency: "USD",
    customer: { email },
    lines: [{ sku, quantity, unitPriceMinor }],
  });
const titles = async (type: string) =>
  (await api.get(`/api/v1/notifications?type=${type}`)).body.items.map((n: { title: string }) => n.title);

describe("custom alerts", () => {
  it("refuses conditions and templates naming fields the event does not have, saving nothing", async () => {
    const base = {
      name: "Big order",
      eventType: "order.imported",
      template: "Order {{ orderNumber }}",
      recipients: { owner: true },
    };
    const badCondition = await api.post("/api/v1/custom-alerts", {
      ...base,
      condition: { ">": [{ var: "grandTotal" }, 1] },
    });
    expect(badCondition.status).toBe(400);
    expect(badCondition.body.detail).toContain("grandTotal");
    const badTemplate = await api.post("/api/v1/custom-alerts", {
      ...base,
      template: "Hi {{ customer.name }}",
    });
    expect(badTemplate.status).toBe(400);
    expect(badTemplate.body.detail).toContain("customer");
    const badEmail = await api.post("/api/v1/custom-alerts", {
      ...base,
      recipients: { emails: "ok@example.com, nope" },
    });
    expect(badEmail.status).toBe(400);
    expect(badEmail.body.detail).toContain('"nope"');
    expect((await api.post("/api/v1/custom-alerts", { ...base, eventType: "order.exploded" })).status).toBe(
      400,
    );
    expect((await api.get("/api/v1/custom-alerts")).body.items).toEqual([]);
  });

  it("fires on matching events only, with its message and recipients, and renders a test", async () => {
    const created = await api.post("/api/v1/custom-alerts", {
      name: "Big order",
      eventType: "order.imported",
      condition: { ">=": [{ var: "totalMinor" }, 5000] },
      template: "Order {{ orderNumber }} for {{ totalMinor | divided_by: 100 }} {{ currency }}",
      recipients: { emails: "sales@example.com", owner: true, customer: true },
    });
    expect(created.status).toBe(201);
    await order("IDLE-1", 1, 1000);
    await order("IDLE-1", 6, 1000);
    await notifyOnce(hub.ctx);
    const alerts = (await api.get("/api/v1/notifications?type=custom_alert")).body.items;
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ title: "Big order" });
    expect(alerts[0].body).toMatch(/^Order .+ for 60 USD$/);
    const detail = (await api.get(`/api/v1/notifications/${alerts[0].id}`)).body;
    expect(detail.deliveries.map((d: { recipient: string }) => d.recipient).sort()).toEqual(
      expect.arrayContaining(["sales@example.com", "shopper@example.com"]),
    );
    // no SMTP_URL here: e-mail waits visibly instead of being dropped
    expect(detail.deliveries.every((d: { status: string }) => d.status === "not_configured")).toBe(true);
    const test = await api.post(`/api/v1/custom-alerts/${created.body.id}/test`);
    expect(test.body).toMatchObject({ matches: true, message: expect.stringMatching(/for 60 USD$/) });
  });
});

describe("low stock", () => {
  it("fires when available crosses the product's threshold, not again while it stays low", async () => {
    await order("LOW-1", 2);
    await notifyOnce(hub.ctx);
    expect(await titles("low_stock")).toEqual(['Restock this product "LOW-1"']);
    await order("LOW-1", 1);
    await notifyOnce(hub.ctx);
    expect(await titles("low_stock")).toHaveLength(1);
  });
});

describe("goals", () => {
  it("validates input and announces a reached goal once per period", async () => {
    expect(
      (await api.post("/api/v1/goals", { name: "x", metric: "profit", period: "day", amount: 1 })).status,
    ).toBe(400);
    expect(
      (await api.post("/api/v1/goals", { name: "x", metric: "orders", period: "day", amount: -1 })).status,
    ).toBe(400);
    const goal = await api.post("/api/v1/goals", {
      name: "Ten orders",
      metric: "orders",
      period: "day",
      amount: 5,
    });
    expect(goal.status).toBe(201);
    await order("IDLE-1", 1);
    await notifyOnce(hub.ctx);
    expect(await titles("goal_achieved")).toEqual(['Goal "Ten orders" has been achieved']);
    await order("IDLE-1", 1);
    await notifyOnce(hub.ctx);
    expect(await titles("goal_achieved")).toHaveLength(1);
    const progress = (await api.get(`/api/v1/goals/${goal.body.id}/progress`)).body;
    expect(progress).toMatchObject({ value: 6, amount: 5, achieved: true, percent: 100 });
  });
});

describe("inventory planner", () => {
  it("reports units sold, average daily sales, days of supply and status per SKU", async () => {
    const res = await api.get("/api/v1/planning/report");
    expect(res.status).toBe(200);
    expect(res.body.settings).toEqual({ reportDays: 90, overstockDays: 100, understockDays: 7 });
    const low = res.body.items.find((r: { sku: string }) => r.sku === "LOW-1");
    // 3 sold in 90 days; 2 left → 60 days of supply; lead 10 → d = 50: ok
    expect(low).toMatchObject({
      unitsSold: 3,
      available: 2,
      daysOfSupply: 60,
      leadTimeDays: 10,
      difference: 50,
      status: "ok",
    });
  });

  it("raises understock / overstock on state changes only", async () => {
    const bad = await api.get("/api/v1/planning/report?days=0");
    expect(bad.status).toBe(400);
    await hub.app.inject({
      method: "PUT",
      url: "/api/v1/planning/settings",
      headers: { ...a.auth, "content-type": "application/json" },
      payload: { reportDays: 90, overstockDays: 40, understockDays: 7 },
    });
    await checkStockPlans(hub.ctx.db);
    expect((await titles("overstock")).sort()).toEqual(['Overstocked: "IDLE-1"', 'Overstocked: "LOW-1"']);
    await checkStockPlans(hub.ctx.db);
    expect(await titles("overstock")).toHaveLength(2);
  });

  it("refuses understock above overstock and saves nothing", async () => {
    const res = await hub.app.inject({
      method: "PUT",
      url: "/api/v1/planning/settings",
      headers: { ...a.auth, "content-type": "application/json" },
      payload: { reportDays: 30, overstockDays: 5, understockDays: 7 },
    });
    expect(res.statusCode).toBe(400);
    expect((await api.get("/api/v1/planning/settings")).body).toMatchObject({
      reportDays: 90,
      overstockDays: 40,
    });
  });
});
