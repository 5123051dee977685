import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Api, apiFor } from "../../../test/helpers/api.ts";
import { createTenant, startTestHub, type TestHub } from "../../../test/helpers/hub.ts";

let hub: TestHub;
let api: Api;
beforeAll(async () => {
  hub = await startTestHub();
  api = apiFor(hub.app, await createTenant(hub));
  await api.post("/api/v1/products/import", {
    products: [
      { sku: "W-1", name: "Widget", quantity: 10 },
      { sku: "G-1", name: "Gadget", quantity: 2 },
      { sku: "PRE-1", name: "Pre-order", quantity: 0, allowBackorder: true },
    ],
  });
});
afterAll(() => hub?.close());

let seq = 0;
function order(
  lines: { sku: string; quantity: number; unitPriceMinor?: number }[],
  extra: Record<string, unknown> = {},
) {
  seq += 1;
  return {
    platformOrderId: `po-${seq}`,
    orderNumber: `#${1000 + seq}`,
    placedAt: new Date(Date.UTC(2026, 10, 1, 10, seq)).toISOString(),
    currency: "USD",
    customer: { name: "Ada Lovelace", email: "ada@example.com" },
    shippingAddress: { line1: "1 Main St", city: "Austin", state: "TX", country: "us" },
    lines: lines.map((l) => ({ unitPriceMinor: 1000, ...l })),
    ...extra,
  };
}
const stock = async (sku: string) => (await api.get(`/api/v1/products/${sku}`)).body;

describe("order import and reservations", () => {
  it("reserves on import, ships, and completes", async () => {
    const created = await api.post("/api/v1/orders", order([{ sku: "W-1", quantity: 3 }]));
    expect(created.status).toBe(201);
    expect(await stock("W-1")).toMatchObject({ onHand: 10, reserved: 3, available: 7 });
    const id = created.body.orderId;
    const shipped = await api.post(`/api/v1/orders/${id}/shipments`, {
      carrier: "UPS",
      trackingNumber: "1Z999",
      trackingUrl: "https://ups.example/1Z999",
    });
    expect(shipped.status).toBe(201);
    expect(await stock("W-1")).toMatchObject({ onHand: 7, reserved: 0, available: 7 });
    const detail = await api.get(`/api/v1/orders/${id}`);
    expect(detail.body).toMatchObject({
      status: "shipped",
      totalMinor: 3000,
      shipCountry: "US",
      shipments: [{ carrier: "UPS", trackingNumber: "1Z999", lines: [{ sku: "W-1", quantity: 3 }] }],
    });
    expect((await api.post(`/api/v1/orders/${id}/status`, { status: "completed" })).body).toEqual({
      status: "completed",
      changed: true,
    });
    expect((await api.post(`/api/v1/orders/${id}/status`, { status: "pending" })).body.code).toBe(
      "invalid_transition",
    );
  });

  it("imports an order once: a second import updates statuses only, never lines", async () => {
    const input = order([{ sku: "W-1", quantity: 1 }], {
      financialStatus: "pending",
      platformUpdatedAt: "2026-11-01T10:00:00Z",
    });
    const first = await api.post("/api/v1/orders", input);
    const again = await api.post("/api/v1/orders", {
      ...input,
      lines: [{ sku: "W-1", quantity: 5, unitPriceMinor: 1 }],
      financialStatus: "paid",
      platformUpdatedAt: "2026-11-01T11:00:00Z",
    });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ orderId: first.body.orderId, outcome: "updated" });
    const detail = await api.get(`/api/v1/orders/${first.body.orderId}`);
    expect(detail.body).toMatchObject({
      financialStatus: "paid",
      lines: [{ quantity: 1, unitPriceMinor: 1000 }],
    });
    const late = await api.post("/api/v1/orders", {
      ...input,
      financialStatus: "pending",
      platformUpdatedAt: "2026-11-01T10:30:00Z",
    });
    expect(late.body.outcome).toBe("stale");
    expect((await api.get(`/api/v1/orders/${first.body.orderId}`)).body.financialStatus).toBe("paid");
  });

  it("cancelling releases reservations; a channel cancellation does the same", async () => {
    const before = await stock("W-1");
    const a = await api.post("/api/v1/orders", order([{ sku: "W-1", quantity: 2 }]));
    expect((await stock("W-1")).reserved).toBe(before.reserved + 2);
    await api.post(`/api/v1/orders/${a.body.orderId}/status`, { status: "cancelled" });
    expect((await stock("W-1")).reserved).toBe(before.reserved);
    const input = order([{ sku: "W-1", quantity: 1 }]);
    await api.post("/api/v1/orders", input);
    await api.post("/api/v1/orders", { ...input, cancelled: true, channelStatus: "cancelled" });
    expect((await stock("W-1")).reserved).toBe(before.reserved);
  });

  it("reserves only what is available and flags the rest as backordered", async () => {
    const res = await api.post("/api/v1/orders", order([{ sku: "G-1", quantity: 5 }]));
    expect(res.body.backordered).toBe(true);
    expect(await stock("G-1")).toMatchObject({ onHand: 2, reserved: 2, available: 0 });
    const detail = await api.get(`/api/v1/orders/${res.body.orderId}`);
    expect(detail.body.lines[0]).toMatchObject({ reservedQty: 2, backorderedQty: 3 });
    const pre = await api.post("/api/v1/orders", order([{ sku: "PRE-1", quantity: 4 }]));
    expect(pre.body.backordered).toBe(false);
    expect(await stock("PRE-1")).toMatchObject({ reserved: 4, available: -4 });
  });
});

describe("refunds", () => {
  it("restocks shipped units when asked, releases unshipped ones, and tracks the status", async () => {
    const before = await stock("W-1");
    const created = await api.post("/api/v1/orders", order([{ sku: "W-1", quantity: 3 }]));
    const id = created.body.orderId;
    await api.post(`/api/v1/orders/${id}/shipments`, { lines: [{ sku: "W-1", quantity: 2 }] });
    const r1 = await api.post(`/api/v1/orders/${id}/refunds`, {
      platformRefundId: "rf-1",
      currency: "USD",
      lines: [{ sku: "W-1", quantity: 1, restock: false }],
    });
    expect(r1.status).toBe(201);
    // the unshipped unit is refunded first: its reservation goes back to available
    expect(await stock("W-1")).toMatchObject({ onHand: before.onHand - 2, reserved: before.reserved });
    const r2 = await api.post(`/api/v1/orders/${id}/refunds`, {
      platformRefundId: "rf-2",
      currency: "USD",
      lines: [{ sku: "W-1", quantity: 2, restock: true }],
    });
    expect(r2.status).toBe(201);
    expect(await stock("W-1")).toMatchObject({ onHand: before.onHand, reserved: before.reserved });
    const dup = await api.post(`/api/v1/orders/${id}/refunds`, {
      platformRefundId: "rf-2",
      currency: "USD",
      lines: [{ sku: "W-1", quantity: 2, restock: true }],
    });
    expect(dup.status).toBe(200);
    const detail = await api.get(`/api/v1/orders/${id}`);
    expect(detail.body).toMatchObject({ status: "refunded", refundedMinor: 3000 });
    expect(detail.body.refunds).toHaveLength(2);
  });

  it("refuses a refund in another currency or beyond what was ordered", async () => {
    const created = await api.post("/api/v1/orders", order([{ sku: "W-1", quantity: 1 }]));
    const id = created.body.orderId;
    const eur = await api.post(`/api/v1/orders/${id}/refunds`, {
      currency: "EUR",
      lines: [{ sku: "W-1", quantity: 1, restock: true }],
    });
    expect(eur.status).toBe(400);
    expect(eur.body.code).toBe("currency_mismatch");
    const tooMany = await api.post(`/api/v1/orders/${id}/refunds`, {
      currency: "USD",
      lines: [{ sku: "W-1", quantity: 2, restock: true }],
    });
    expect(tooMany.status).toBe(400);
    expect((await api.get(`/api/v1/orders/${id}`)).body.refunds).toHaveLength(0);
  });
});

describe("bad orders", () => {
  it("rejects unknown SKUs, negative quantities and bad currencies, storing nothing", async () => {
    const unknown = await api.post(
      "/api/v1/orders",
      order([
        { sku: "W-1", quantity: 1 },
        { sku: "MISSING-9", quantity: 1 },
      ]),
    );
    expect(unknown.status).toBe(422);
    expect(unknown.body).toMatchObject({ code: "unknown_sku", skus: ["MISSING-9"] });
    expect((await api.post("/api/v1/orders", order([{ sku: "W-1", quantity: -1 }]))).status).toBe(400);
    expect(
      (await api.post("/api/v1/orders", order([{ sku: "W-1", quantity: 1 }], { currency: "dollars" })))
        .status,
    ).toBe(400);
    expect((await api.post("/api/v1/orders", order([]))).status).toBe(400);
    const list = await api.get("/api/v1/orders?q=po-&limit=500");
    expect(
      list.body.items.some(
        (o: { platformOrderId: string }) => o.platformOrderId === unknown.body.platformOrderId,
      ),
    ).toBe(false);
  });
});

describe("order list", () => {
  it("filters by status, customer, state and date, newest first with a cursor", async () => {
    const all = await api.get("/api/v1/orders?limit=3");
    expect(all.body.items).toHaveLength(3);
    const placed = all.body.items.map((o: { placedAt: string }) => o.placedAt);
    expect([...placed].sort().reverse()).toEqual(placed);
    const next = await api.get(`/api/v1/orders?limit=3&cursor=${all.body.nextCursor}`);
    expect(next.body.items[0].placedAt <= placed[2]).toBe(true);
    expect((await api.get("/api/v1/orders?status=cancelled")).body.items.length).toBeGreaterThanOrEqual(2);
    expect((await api.get("/api/v1/orders?customer=lovelace&state=TX")).body.items.length).toBeGreaterThan(0);
    expect((await api.get("/api/v1/orders?customer=nobody")).body.items).toHaveLength(0);
    expect((await api.get("/api/v1/orders?from=2030-01-01T00:00:00Z")).body.items).toHaveLength(0);
  });
});

describe("domain events", () => {
  it("records each change as an event", async () => {
    const types = (await api.get("/api/v1/events?limit=500")).body.items.map((e: { type: string }) => e.type);
    for (const t of [
      "product.imported",
      "stock.changed",
      "order.imported",
      "order.status_changed",
      "shipment.created",
      "refund.recorded",
      "order.backordered",
    ]) {
      expect(types).toContain(t);
    }
  });

  it("names the order by its number in a refund event, for the people who read the notification", async () => {
    const events = (await api.get("/api/v1/events?limit=500")).body.items;
    const refund = events.find((e: { type: string }) => e.type === "refund.recorded");
    const order = (await api.get(`/api/v1/orders/${refund.payload.orderId}`)).body;
    expect(refund.payload.orderNumber).toBe(order.orderNumber);
  });
});
