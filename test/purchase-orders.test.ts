import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { notifyOnce } from "../src/modules/notifications/index.ts";
import { type Api, apiFor } from "./helpers/api.ts";
import { createTenant, startTestHub, type Tenant, type TestHub } from "./helpers/hub.ts";
import { type SmtpCapture, startSmtpCapture } from "./helpers/smtp-capture.ts";

/**
 * Issue 22's purchasing loop over the API: supply needs from seeded sales, a purchase order drafted
 * from them, sent by e-mail to a real SMTP server on 127.0.0.1, received in two parts into the ledger,
 * with replayed and excessive receipts and another account's ids refused.
 */
let smtp: SmtpCapture;
let hub: TestHub;
let a: Tenant;
let api: Api;
let other: Api;
let supplierId: string;
let warehouseId: string;
let otherWarehouseId: string;
let otherProductId: string;
let firstOrderId: string;

beforeAll(async () => {
  smtp = await startSmtpCapture();
  hub = await startTestHub({ env: { SMTP_URL: smtp.url } });
  a = await createTenant(hub, "Bolt shop");
  api = apiFor(hub.app, a);
  other = apiFor(hub.app, await createTenant(hub, "Other shop"));

  // 288 BOLTs sold yesterday: 3.2 a day over the planner's 90-day window; 329 − 288 = 41 available.
  const imported = await api.post("/api/v1/products/import", {
    products: [
      { sku: "BOLT", name: "Bolt", quantity: 329 },
      { sku: "NUT", name: "Nut", quantity: 500 },
    ],
  });
  expect(imported.status).toBeLessThan(300);
  const sold = await api.post("/api/v1/orders", {
    platformOrderId: "sales-1",
    placedAt: new Date(Date.now() - 86_400_000).toISOString(),
    currency: "USD",
    lines: [{ sku: "BOLT", quantity: 288, unitPriceMinor: 100 }],
  });
  expect(sold.status).toBe(201);

  const supplier = await api.post("/api/v1/suppliers", {
    name: "Acme",
    email: "orders@acme.example",
    currency: "USD",
    defaultLeadTimeDays: 14,
  });
  supplierId = supplier.body.id;
  for (const link of [
    { sku: "BOLT", supplierSku: "AC-BOLT", cost: 1.25, orderMultiple: 10, preferred: true },
    { sku: "NUT", supplierSku: "AC-NUT", cost: "0.10" },
  ])
    expect((await api.post(`/api/v1/suppliers/${supplierId}/links`, link)).status).toBe(201);

  warehouseId = (await api.get("/api/v1/warehouses")).body.items[0].id;
  otherWarehouseId = (await other.get("/api/v1/warehouses")).body.items[0].id;
  await other.post("/api/v1/products/import", {
    products: [{ sku: "BOLT", name: "Their bolt", quantity: 1 }],
  });
  otherProductId = (await other.get("/api/v1/products/BOLT")).body.id;
});
afterAll(async () => {
  await hub?.close();
  await smtp?.close();
});

const product = async (sku: string) => (await api.get(`/api/v1/products/${sku}`)).body;

describe("supply needs and purchase orders", () => {
  it("drafts an order by hand at the link's terms and e-mails it with the lines as CSV when sent", async () => {
    const draft = await api.post("/api/v1/purchase-orders", {
      supplierId,
      note: "Deliver to dock 2",
      lines: [{ sku: "BOLT", quantity: 20 }],
    });
    expect(draft.status).toBe(201);
    expect(draft.body).toMatchObject({
      status: "draft",
      supplier: "Acme",
      currency: "USD",
      lines: [{ sku: "BOLT", supplierSku: "AC-BOLT", quantity: 20, received: 0, open: 20, cost: 1.25 }],
    });
    firstOrderId = draft.body.id;
    // A draft is not on order yet.
    expect((await product("BOLT")).onOrder).toBe(0);

    const sent = await api.post(`/api/v1/purchase-orders/${firstOrderId}/send`);
    expect(sent.status).toBe(200);
    expect(sent.body).toMatchObject({ status: "sent", emailedTo: "orders@acme.example" });
    expect(smtp.received).toHaveLength(1);
    const mail = smtp.received[0]!;
    expect(mail.to).toEqual(["orders@acme.example"]);
    expect(mail.data).toContain(`Subject: Purchase order ${draft.body.number}`);
    expect(mail.data).toContain("20 x AC-BOLT at 1.25 USD");
    expect(mail.data).toContain(`filename=${draft.body.number}.csv`);
    // The attachment's base64 body: after its part's headers, up to the closing boundary.
    const attachment = mail.data.split("Content-Disposition: attachment")[1]!.split(/\r?\n\r?\n/)[1]!;
    const csv = Buffer.from(attachment.split(/\r?\n--/)[0]!, "base64");
    expect(csv.toString("utf8")).toBe(
      "supplier_sku,sku,quantity,unit_cost,currency\r\nAC-BOLT,BOLT,20,1.25,USD\r\n",
    );

    expect((await product("BOLT")).onOrder).toBe(20);
    expect((await api.post(`/api/v1/purchase-orders/${firstOrderId}/send`)).status).toBe(422);
  });

  it("suggests what to order with the arithmetic in words, from the planner's sales", async () => {
    const needs = await api.get("/api/v1/supply-needs");
    expect(needs.status).toBe(200);
    expect(needs.body.nextCursor).toBeNull();
    expect(needs.body.items).toEqual([
      expect.objectContaining({
        sku: "BOLT",
        supplier: "Acme",
        supplierSku: "AC-BOLT",
        salesPerDay: 3.2,
        leadTimeDays: 14,
        safetyDays: 7,
        reviewDays: 7,
        available: 41,
        onOrder: 20,
        orderMultiple: 10,
        reorderPoint: 67,
        quantity: 30,
        explanation:
          "sells 3.2/day; 14 days' lead + 7 safety → reorder at 67, + 7 days' cover (22.4); 41 available, 20 on order → order 30 (29 rounded up to a multiple of 10)",
      }),
    ]);

    const noCover = await api.get("/api/v1/supply-needs?reviewDays=0");
    expect(noCover.body.items[0].explanation).toBe(
      "sells 3.2/day; 14 days' lead + 7 safety → reorder at 67; 41 available, 20 on order → order 10 (6 rounded up to a multiple of 10)",
    );

    const all = await api.get("/api/v1/supply-needs?all=true&limit=1");
    expect(all.body.items).toHaveLength(1);
    const rest = await api.get(`/api/v1/supply-needs?all=true&limit=1&cursor=${all.body.nextCursor}`);
    const both = [...all.body.items, ...rest.body.items].map((n: { sku: string; quantity: number }) => [
      n.sku,
      n.quantity,
    ]);
    expect(both.sort()).toEqual([
      ["BOLT", 30],
      ["NUT", 0],
    ]);
    expect(rest.body.nextCursor).toBeNull();
    expect((await api.get("/api/v1/supply-needs?cursor=forged")).status).toBe(400);
  });

  it("drafts one order per supplier from the needs, sends it, and receives it in two parts", async () => {
    const drafted = await api.post("/api/v1/purchase-orders", { fromNeeds: true });
    expect(drafted.status).toBe(201);
    expect(drafted.body.items).toHaveLength(1);
    const order = drafted.body.items[0];
    expect(order).toMatchObject({
      supplierId,
      status: "draft",
      lines: [{ sku: "BOLT", supplierSku: "AC-BOLT", quantity: 30, cost: 1.25 }],
    });
    expect((await api.post(`/api/v1/purchase-orders/${order.id}/send`)).body.status).toBe("sent");
    expect(smtp.received).toHaveLength(2);
    expect((await product("BOLT")).onOrder).toBe(50);
    // 41 available and 50 on order cover the reorder point and the week's cover: nothing to order.
    expect((await api.get("/api/v1/supply-needs")).body.items).toEqual([]);

    const receipts = `/api/v1/purchase-orders/${order.id}/receipts`;
    const before = await product("BOLT");
    const first = await api.post(receipts, {
      receiptKey: "dock-1",
      warehouseId,
      lines: [{ sku: "BOLT", quantity: 10 }],
    });
    expect(first.status).toBe(201);
    expect(first.body.purchaseOrder).toMatchObject({
      status: "partially_received",
      lines: [{ received: 10, open: 20 }],
    });
    expect(first.body.receipt).toMatchObject({
      receiptKey: "dock-1",
      lines: [{ sku: "BOLT", quantity: 10 }],
    });
    const afterFirst = await product("BOLT");
    expect(afterFirst.onHand).toBe(before.onHand + 10);
    expect(afterFirst.onOrder).toBe(40);
    expect(afterFirst.recentMovements[0]).toMatchObject({
      reason: "purchase-receipt",
      onHandDelta: 10,
      referenceType: "purchase_order",
      referenceId: order.id,
    });

    const replay = await api.post(receipts, {
      receiptKey: "dock-1",
      warehouseId,
      lines: [{ sku: "BOLT", quantity: 10 }],
    });
    expect(replay.status).toBe(201);
    expect(replay.body.receipt).toEqual(first.body.receipt);
    expect((await product("BOLT")).onHand).toBe(afterFirst.onHand);

    const over = await api.post(receipts, {
      receiptKey: "dock-2",
      warehouseId,
      lines: [{ productId: afterFirst.id, quantity: 21 }],
    });
    expect(over.status).toBe(422);
    expect(over.body).toMatchObject({ code: "over_receipt", open: 20 });
    expect((await product("BOLT")).onHand).toBe(afterFirst.onHand);
    expect((await api.get(`/api/v1/purchase-orders/${order.id}`)).body.receipts).toHaveLength(1);

    const last = await api.post(receipts, {
      receiptKey: "dock-2",
      warehouseId,
      lines: [{ productId: afterFirst.id, quantity: 20 }],
    });
    expect(last.body.purchaseOrder).toMatchObject({ status: "received", lines: [{ received: 30, open: 0 }] });
    const done = await product("BOLT");
    expect(done.onHand).toBe(before.onHand + 30);
    expect(done.onOrder).toBe(20);
    expect((await api.post(`/api/v1/purchase-orders/${order.id}/cancel`)).body.code).toBe(
      "purchase_order_status",
    );
    expect(
      (await api.post(receipts, { receiptKey: "dock-3", warehouseId, lines: [{ sku: "BOLT", quantity: 1 }] }))
        .status,
    ).toBe(422);

    const listed = await api.get("/api/v1/purchase-orders?status=received");
    expect(listed.body.items.map((o: { id: string }) => o.id)).toEqual([order.id]);
  });

  it("notifies that the order is received, in the seeds' wording", async () => {
    const optIn = await hub.app.inject({
      method: "PUT",
      url: "/api/v1/notification-settings",
      headers: { ...a.auth, "content-type": "application/json" },
      payload: { globalOptIn: true, types: {} },
    });
    expect(optIn.statusCode).toBe(200);
    await notifyOnce(hub.ctx);
    const items = (await api.get("/api/v1/notifications")).body.items as {
      type: string;
      title: string;
      body: string;
    }[];
    const received = items.filter((n) => n.type === "purchase_order_received");
    expect(received).toHaveLength(1);
    expect(received[0]!.title).toMatch(/^Purchase order PO-[0-9A-F]{8} from "Acme" is received$/);
    expect(received[0]!.body).toBe("30 unit(s) on 1 line(s), in 2 receipt(s)");
  });

  it("cancels a sent order with nothing received, which takes it off order", async () => {
    const cancelled = await api.post(`/api/v1/purchase-orders/${firstOrderId}/cancel`);
    expect(cancelled.body).toMatchObject({ status: "cancelled", lines: [{ open: 0 }] });
    expect((await product("BOLT")).onOrder).toBe(0);
  });

  it("marks an order sent without e-mail for a supplier with no address, and refuses a product twice", async () => {
    const phone = await api.post("/api/v1/suppliers", { name: "Phone only", currency: "EUR" });
    const repeated = await api.post("/api/v1/purchase-orders", {
      supplierId: phone.body.id,
      lines: [
        { sku: "NUT", quantity: 1 },
        { sku: "NUT", quantity: 2 },
      ],
    });
    expect(repeated).toMatchObject({ status: 400, body: { code: "purchase_order_line_repeated" } });
    const draft = await api.post("/api/v1/purchase-orders", {
      supplierId: phone.body.id,
      lines: [{ sku: "NUT", quantity: 3, cost: "0.40" }],
    });
    expect(draft.body).toMatchObject({ currency: "EUR", lines: [{ supplierSku: null, cost: 0.4 }] });
    const mails = smtp.received.length;
    const sent = await api.post(`/api/v1/purchase-orders/${draft.body.id}/send`);
    expect(sent.body).toMatchObject({ status: "sent", emailedTo: null, sentAt: expect.any(String) });
    expect(smtp.received).toHaveLength(mails);
    expect((await api.post(`/api/v1/purchase-orders/${draft.body.id}/cancel`)).body.status).toBe("cancelled");
  });

  it("answers 404 for another account's order, warehouse, product or supplier, and changes nothing", async () => {
    const draft = await api.post("/api/v1/purchase-orders", {
      supplierId,
      lines: [{ sku: "NUT", quantity: 5 }],
    });
    await api.post(`/api/v1/purchase-orders/${draft.body.id}/send`);
    const receipts = `/api/v1/purchase-orders/${draft.body.id}/receipts`;
    const nutBefore = (await product("NUT")).onHand;

    expect((await other.get(`/api/v1/purchase-orders/${draft.body.id}`)).status).toBe(404);
    expect((await other.post(`/api/v1/purchase-orders/${draft.body.id}/cancel`)).status).toBe(404);
    const theirs = await other.post(receipts, {
      receiptKey: "x",
      warehouseId: otherWarehouseId,
      lines: [{ sku: "BOLT", quantity: 1 }],
    });
    expect(theirs.body.code).toBe("purchase_order_not_found");
    const foreignWarehouse = await api.post(receipts, {
      receiptKey: "w",
      warehouseId: otherWarehouseId,
      lines: [{ sku: "NUT", quantity: 1 }],
    });
    expect(foreignWarehouse).toMatchObject({ status: 404, body: { code: "warehouse_not_found" } });
    const foreignProduct = await api.post(receipts, {
      receiptKey: "p",
      warehouseId,
      lines: [{ productId: otherProductId, quantity: 1 }],
    });
    expect(foreignProduct).toMatchObject({ status: 404, body: { code: "product_not_found" } });
    const draftForeignProduct = await api.post("/api/v1/purchase-orders", {
      supplierId,
      lines: [{ productId: otherProductId, quantity: 1 }],
    });
    expect(draftForeignProduct.status).toBe(404);
    const foreignSupplier = await other.post("/api/v1/purchase-orders", {
      supplierId,
      lines: [{ sku: "BOLT", quantity: 1 }],
    });
    expect(foreignSupplier).toMatchObject({ status: 404, body: { code: "supplier_not_found" } });
    expect((await other.get("/api/v1/purchase-orders")).body.items).toEqual([]);
    expect((await other.get("/api/v1/supply-needs?all=true")).body.items).toEqual([]);

    expect((await product("NUT")).onHand).toBe(nutBefore);
    // The orders keep their supplier.
    expect((await api.delete(`/api/v1/suppliers/${supplierId}`)).body.code).toBe(
      "supplier_has_purchase_orders",
    );
    expect((await api.get(`/api/v1/purchase-orders/${draft.body.id}`)).body).toMatchObject({
      status: "sent",
      receipts: [],
    });
  });
});
