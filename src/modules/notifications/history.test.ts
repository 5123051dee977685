import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Api, apiFor } from "../../../test/helpers/api.ts";
import { createTenant, startTestHub, type Tenant, type TestHub } from "../../../test/helpers/hub.ts";
import { appendEvents } from "../events/index.ts";
import { createShipment, importOrders, recordRefund } from "../orders/index.ts";
import { backfillFinished } from "../sync/index.ts";
import { notifyOnce } from "./notifier.ts";

/**
 * What a backfill marks as history counts as sales (stock, goal progress) but raises no custom
 * alert, refund or goal notification; news right after it does; one summary per backfill run.
 */
let hub: TestHub;
let tenant: Tenant;
let api: Api;
let seq = 0;

beforeAll(async () => {
  hub = await startTestHub();
  tenant = await createTenant(hub, "History shop");
  api = apiFor(hub.app, tenant);
  await api.post("/api/v1/products/import", { products: [{ sku: "H-1", name: "Mug", quantity: 100 }] });
  await api.post("/api/v1/custom-alerts", {
    name: "Every order",
    eventType: "order.imported",
    template: "Order {{ orderNumber }}",
    recipients: { owner: true },
  });
  await api.post("/api/v1/custom-alerts", {
    name: "Every shipment",
    eventType: "shipment.created",
    template: "Shipped {{ orderId }}",
    recipients: { owner: true },
  });
  // History alone reaches the first goal; only the news order takes the second over.
  for (const [name, amount] of [
    ["Two orders", 2],
    ["Four orders", 4],
  ] as const)
    await api.post("/api/v1/goals", { name, metric: "orders", period: "day", amount });
  await notifyOnce(hub.ctx);
});
afterAll(() => hub?.close());

const input = (placedAt: Date) => ({
  platformOrderId: `hist-${++seq}`,
  orderNumber: `#${seq}`,
  placedAt,
  currency: "USD",
  lines: [{ sku: "H-1", quantity: 1, unitPriceMinor: 1000 }],
});
const titles = async (type: string) =>
  (await api.get(`/api/v1/notifications?type=${type}`)).body.items.map((n: { title: string }) => n.title);

describe("history is not news", () => {
  it("counts a backfill's old orders, refunds and shipments but announces none of them", async () => {
    const edge = new Date();
    const old = new Date(edge.getTime() - 60_000);
    const [a, b, c] = await importOrders(hub.ctx.db, tenant.accountId, [input(old), input(old), input(old)], {
      historyBefore: edge,
    });
    await createShipment(hub.ctx.db, tenant.accountId, a!.orderId, {}, { historical: true });
    await recordRefund(
      hub.ctx.db,
      tenant.accountId,
      b!.orderId,
      { currency: "USD", refundedAt: old, lines: [{ sku: "H-1", quantity: 1, restock: true }] },
      { historical: true },
    );
    await notifyOnce(hub.ctx);
    for (const type of ["custom_alert", "product_refund", "goal_achieved"])
      expect(await titles(type), type).toEqual([]);

    const orders = (await api.get("/api/v1/orders?limit=10")).body.items as { historical: boolean }[];
    expect(orders.map((o) => o.historical)).toEqual([true, true, true]);
    // Real sales all the same: stock moved and goal progress counts them.
    expect((await api.get("/api/v1/products/H-1")).body.available).toBe(98);
    const goals = (await api.get("/api/v1/goals")).body.items as { id: string; name: string }[];
    const two = goals.find((g) => g.name === "Two orders")!;
    expect((await api.get(`/api/v1/goals/${two.id}/progress`)).body).toMatchObject({
      value: 3,
      achieved: true,
    });
    expect(c!.outcome).toBe("created");
  });

  it("announces the next order, its refund and the goal it takes over, but not a goal history reached", async () => {
    const [fresh] = await importOrders(hub.ctx.db, tenant.accountId, [input(new Date())]);
    await recordRefund(hub.ctx.db, tenant.accountId, fresh!.orderId, {
      currency: "USD",
      lines: [{ sku: "H-1", quantity: 1, restock: true }],
    });
    await notifyOnce(hub.ctx);
    expect(await titles("custom_alert")).toEqual(["Every order"]);
    expect(await titles("product_refund")).toEqual([
      "Customer has initiated refund request for Product #H-1",
    ]);
    expect(await titles("goal_achieved")).toEqual(['Goal "Four orders" has been achieved']);
  });

  it("raises one backfill summary per run, however often the run announces it", async () => {
    const event = backfillFinished.of({
      accountId: tenant.accountId,
      payload: {
        runId: "3b0f8f2e-6f55-4a8e-9d0b-5f1f0d1f2a11",
        connectionId: "7c3e1d52-0a8b-4f3e-9a51-2b6f4e8d9c10",
        feedKind: "new-orders",
        trigger: "onboarding",
        orders: 2990,
        refunds: 41,
        from: "2025-03-12",
        to: "2025-06-10",
      },
    });
    await appendEvents(hub.ctx.db, [event]);
    await notifyOnce(hub.ctx);
    await appendEvents(hub.ctx.db, [event]);
    await notifyOnce(hub.ctx);
    const summaries = (await api.get("/api/v1/notifications?type=backfill_summary")).body.items;
    expect(summaries).toHaveLength(1);
    expect(summaries[0].title).toBe('Imported 2990 historical orders (41 refunds) from "deleted connection"');
    expect(summaries[0].body).toMatch(/^Placed 2025-03-12 to 2025-06-10\. History, not news/);
  });
});
