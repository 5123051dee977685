import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Connector } from "../src/connectors/contract.ts";
import { queryRows } from "../src/db/rows.ts";
import { type Api, apiFor } from "./helpers/api.ts";
import { createTenant, startTestHub, type TestHub } from "./helpers/hub.ts";
import {
  addTestProduct,
  createTestConnector,
  createTestPlatform,
  signTestWebhook,
  type TestPlatform,
  testOrder,
} from "./helpers/test-connector.ts";
import { until } from "./helpers/until.ts";

/**
 * Webhooks are drained per connection, each connection's job taking its turn: one store's backlog
 * of slow webhooks does not sit in front of another store's single one (issue 16). With one job per
 * webhook in arrival order, the quiet store's webhook would wait for the whole backlog.
 */
let hub: TestHub;
let api: Api;
let platform: TestPlatform;

async function pair(name: string): Promise<string> {
  const res = await api.post("/api/v1/connections", {
    platform: "test",
    name,
    credentials: { token: platform.token },
    onboarding: false,
  });
  expect(res.status).toBe(201);
  return res.body.id;
}

async function deliver(connectionId: string, eventId: string, body: Record<string, unknown>) {
  const raw = JSON.stringify({
    eventId,
    topic: "orders/create",
    kind: "order",
    occurredAt: new Date(),
    ...body,
  });
  const res = await hub.app.inject({
    method: "POST",
    url: `/webhooks/test/${connectionId}`,
    headers: { "content-type": "application/json", "x-test-signature": signTestWebhook(platform, raw) },
    payload: raw,
  });
  expect(res.statusCode).toBe(200);
}

beforeAll(async () => {
  platform = createTestPlatform();
  addTestProduct(platform, "FAIR-1", 1000);
  hub = await startTestHub({
    work: true,
    connectors: { test: createTestConnector(platform) as Connector<unknown> },
  });
  api = apiFor(hub.app, await createTenant(hub));
  await api.post("/api/v1/products/import", { products: [{ sku: "FAIR-1", name: "Fair", quantity: 1000 }] });
});
afterAll(() => hub?.close());

describe("webhook inbox", () => {
  it("applies a quiet store's webhook while a busy store's backlog is still being worked off", async () => {
    const busy = await pair("Busy store");
    const quiet = await pair("Quiet store");
    // Each busy-store webhook names its order, which the hub fetches: 60 of them take seconds. The
    // fetches wait until every webhook has arrived, so the backlog is whole when the quiet store's
    // webhook lands however slowly a loaded machine delivers them.
    let allDelivered: () => void = () => undefined;
    const delivered = new Promise<void>((resolve) => {
      allDelivered = resolve;
    });
    platform.beforeCall = async (op) => {
      if (op !== "getOrder") return;
      await delivered;
      await new Promise((r) => setTimeout(r, 50));
    };
    for (let i = 0; i < 60; i++) {
      const order = testOrder(platform, `busy-${i}`, [{ sku: "FAIR-1", quantity: 1 }]);
      await deliver(busy, `busy-${i}`, { objectId: order.platformOrderId });
    }
    const order = testOrder(platform, "quiet-1", [{ sku: "FAIR-1", quantity: 1 }]);
    await deliver(quiet, "quiet-1", { objectId: order.platformOrderId, order });
    allDelivered();

    const rows = await until(
      "every webhook to be processed",
      async () => {
        const inbox = await queryRows<{ connection_id: string; processed_at: string | Date | null }>(
          hub.ctx.db,
          sql`select connection_id, processed_at from webhook_inbox where connection_id in (${busy}, ${quiet})`,
        );
        return inbox.every((r) => r.processed_at !== null) && inbox;
      },
      60_000,
    );
    expect(rows.filter((r) => r.processed_at !== null)).toHaveLength(61);
    const at = (r: (typeof rows)[number]) => new Date(r.processed_at!).getTime();
    const quietAt = at(rows.find((r) => r.connection_id === quiet)!);
    const busyAfter = rows.filter((r) => r.connection_id === busy && at(r) > quietAt).length;
    expect(busyAfter).toBeGreaterThanOrEqual(10);
  }, 90_000);
});
