import { storeSummary } from "../../src/modules/books/index.ts";
import { raiseIssue } from "../../src/modules/connections/index.ts";
import { recordNotification } from "../../src/modules/notifications/index.ts";
import { apiFor } from "./api.ts";
import type { Tenant, TestHub } from "./hub.ts";

/**
 * One of tenant A's resources for every `<collection>.<param>` that appears in a route path, plus
 * `warehouses.default` for bodies that name two warehouses. A second tenant passes its own SKU, so
 * the SKU in one account's lists never matches the other's.
 * Add an entry here when a route with a new path parameter is added.
 */
export async function createIsolationFixtures(
  hub: TestHub,
  a: Tenant,
  sku = "ISO-A-1",
): Promise<Record<string, string>> {
  const api = apiFor(hub.app, a);
  const ok = async <T>(p: Promise<{ status: number; body: T }>) => {
    const res = await p;
    if (res.status >= 300) throw new Error(`fixture failed: ${JSON.stringify(res.body)}`);
    return res.body as T & Record<string, string>;
  };
  const token = await ok(api.post("/api/v1/tokens", { name: "isolation" }));
  await ok(
    api.post("/api/v1/products/import", {
      products: [{ sku, name: "Tenant A widget", quantity: 5 }],
    }),
  );
  const warehouse = await ok(api.post("/api/v1/warehouses", { name: "A's back room" }));
  const { items: warehouses } = await ok(
    api.get("/api/v1/warehouses") as Promise<{
      status: number;
      body: { items: { id: string; isDefault: boolean }[] };
    }>,
  );
  const order = await ok(
    api.post("/api/v1/orders", {
      platformOrderId: "iso-a-1",
      placedAt: new Date().toISOString(),
      currency: "USD",
      lines: [{ sku, quantity: 1, unitPriceMinor: 500 }],
    }),
  );
  const connection = await ok(
    api.post("/api/v1/connections", {
      platform: "test",
      name: "A's shop",
      credentials: { token: "good-token" },
    }),
  );
  const run = await ok(api.post(`/api/v1/connections/${connection.id}/feeds/new-orders/run`, {}));
  const issue = await raiseIssue(hub.ctx.db, {
    accountId: a.accountId,
    connectionId: connection.id,
    feedKind: "new-orders",
    subjectType: "order",
    subjectId: "iso-1",
    severity: "error",
    code: "unknown_sku",
    message: "isolation fixture",
  });
  const summary = await storeSummary(
    hub.ctx.db,
    { accountId: a.accountId, channelConnectionId: connection.id, periodKey: "2024-01-01" },
    {
      currency: "USD",
      lines: [],
      discountMinor: 0,
      taxMinor: 0,
      shippingMinor: 0,
      totalMinor: 0,
      orders: [],
    },
  );
  return {
    "tokens.id": token.id,
    "products.sku": sku,
    "warehouses.id": warehouse.id,
    "warehouses.default": warehouses.find((w) => w.isDefault)!.id,
    "orders.id": order.orderId,
    "connections.id": connection.id,
    "feeds.kind": "new-orders",
    "feed-runs.id": run.id,
    "issues.id": issue.id,
    "summaries.id": summary!.id,
    ...(await notificationFixtures(hub, a, sku)),
    ...(await supplierFixtures(hub, a, sku)),
  };
}

/** Tenant A's supplier, its link to A's product, and a sent purchase order of that product. */
async function supplierFixtures(hub: TestHub, a: Tenant, sku: string): Promise<Record<string, string>> {
  const api = apiFor(hub.app, a);
  const supplier = await api.post("/api/v1/suppliers", { name: "A's supplier", currency: "USD" });
  const link = await api.post(`/api/v1/suppliers/${supplier.body.id}/links`, {
    sku,
    supplierSku: `S-${sku}`,
  });
  const product = await api.get(`/api/v1/products/${encodeURIComponent(sku)}`);
  // A sent purchase order with units still open, so a receipt of A's own reaches every check.
  const order = await api.post("/api/v1/purchase-orders", {
    supplierId: supplier.body.id,
    lines: [{ sku, quantity: 100 }],
  });
  const sent = await api.post(`/api/v1/purchase-orders/${order.body.id}/send`);
  if (supplier.status !== 201 || link.status !== 201 || order.status !== 201 || sent.status !== 200)
    throw new Error("supplier fixtures failed");
  return {
    "suppliers.id": supplier.body.id,
    "supplier-links.id": link.body.id,
    "products.id": product.body.id,
    "purchase-orders.id": order.body.id,
  };
}

/** Tenant A's notification, webhook target, custom alert and goal. */
async function notificationFixtures(hub: TestHub, a: Tenant, sku: string): Promise<Record<string, string>> {
  const api = apiFor(hub.app, a);
  const recorded = await recordNotification(hub.ctx.db, {
    accountId: a.accountId,
    type: "product_refund",
    vars: { sku },
    dedupeKey: "isolation",
  });
  const webhook = await api.post("/api/v1/notification-webhooks", { url: "https://hooks.example.com/a" });
  const alert = await api.post("/api/v1/custom-alerts", {
    name: "A's alert",
    eventType: "order.imported",
    template: "Order {{ orderNumber }}",
    recipients: { owner: true },
  });
  const goal = await api.post("/api/v1/goals", {
    name: "A's goal",
    metric: "orders",
    period: "day",
    amount: 10,
  });
  if (!("id" in recorded) || webhook.status !== 201 || alert.status !== 201 || goal.status !== 201) {
    throw new Error("notification fixtures failed");
  }
  return {
    "notifications.id": recorded.id,
    "notification-webhooks.id": webhook.body.id,
    "custom-alerts.id": alert.body.id,
    "goals.id": goal.body.id,
  };
}
