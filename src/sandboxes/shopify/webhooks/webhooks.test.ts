import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  type ShopifySandbox,
  signShopifyWebhook,
  startShopifySandbox,
  verifyShopifyWebhook,
} from "../index.ts";
import { postGraphql } from "../test-client.ts";

interface Received {
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly raw: string;
}

let sandbox: ShopifySandbox;
let receiver: Server;
let receiverUrl: string;
let received: Received[] = [];
const failedOnce = new Set<string>();

beforeAll(async () => {
  receiver = createServer((request, response) => {
    let raw = "";
    request.on("data", (chunk: Buffer) => (raw += chunk.toString("utf8")));
    request.on("end", () => {
      const path = request.url ?? "";
      const webhookId = String(request.headers["x-shopify-webhook-id"]);
      if (path === "/flaky" && !failedOnce.has(webhookId)) {
        failedOnce.add(webhookId);
        response.writeHead(500).end();
        return;
      }
      received.push({ path, headers: request.headers, raw });
      response.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  sandbox = await startShopifySandbox({
    seed: 51,
    products: 20,
    orders: 5,
    apiSecret: "shpss_hooks",
    webhookRetryDelaysMs: [20, 20],
  });
});
beforeEach(() => {
  received = [];
  sandbox.control.setWebhookMode({ duplicate: false, outOfOrder: false });
});
afterAll(async () => {
  await sandbox.close();
  await new Promise((resolve) => receiver.close(resolve));
});

async function subscribe(topic: string, path: string) {
  const body = await postGraphql<{
    webhookSubscriptionCreate: { webhookSubscription: { id: string }; userErrors: unknown[] };
  }>(
    sandbox,
    `mutation($topic: WebhookSubscriptionTopic!, $sub: WebhookSubscriptionInput!) {
      webhookSubscriptionCreate(topic: $topic, webhookSubscription: $sub) { webhookSubscription { id } userErrors { field message } } }`,
    { topic, sub: { callbackUrl: `${receiverUrl}${path}`, format: "JSON" } },
  );
  expect(body.data?.webhookSubscriptionCreate.userErrors).toEqual([]);
  return body.data?.webhookSubscriptionCreate.webhookSubscription.id as string;
}

const sku = () => sandbox.store.variants.find((v) => sandbox.store.itemOfVariant(v).tracked)?.sku as string;
const parsed = (delivery: Received) => JSON.parse(delivery.raw) as Record<string, unknown>;

describe("webhooks", () => {
  beforeAll(async () => {
    await subscribe("ORDERS_CREATE", "/orders");
    await subscribe("INVENTORY_LEVELS_UPDATE", "/inventory");
    await subscribe("REFUNDS_CREATE", "/flaky");
  });

  it("posts REST-shaped orders/create payloads signed with the app secret", async () => {
    const order = sandbox.control.createOrder({
      lines: [{ sku: sku(), quantity: 1 }],
      customer: { firstName: "Ada", lastName: "Lovelace", email: "ada@example.com" },
    });
    await sandbox.control.waitForWebhooks();
    const delivery = received.find((entry) => entry.path === "/orders");
    if (!delivery) throw new Error("no orders/create delivery");
    const { headers } = delivery;
    expect(headers["x-shopify-hmac-sha256"]).toBe(signShopifyWebhook(delivery.raw, "shpss_hooks"));
    expect(verifyShopifyWebhook(delivery.raw, "shpss_hooks", String(headers["x-shopify-hmac-sha256"]))).toBe(
      true,
    );
    expect(headers).toMatchObject({
      "x-shopify-topic": "orders/create",
      "x-shopify-shop-domain": sandbox.shopDomain,
      "x-shopify-api-version": sandbox.apiVersion,
    });
    for (const header of ["x-shopify-webhook-id", "x-shopify-event-id", "x-shopify-triggered-at"]) {
      expect(headers[header]).toEqual(expect.any(String));
    }
    const body = parsed(delivery);
    expect(body).toMatchObject({
      id: order.legacyId,
      admin_graphql_api_id: order.id,
      name: order.name,
      financial_status: "paid",
      fulfillment_status: null,
      customer: { first_name: "Ada", email: "ada@example.com" },
      line_items: [
        expect.objectContaining({ sku: sku(), quantity: 1, price: expect.stringMatching(/^\d+\.\d{2}$/) }),
      ],
    });
  });

  it("fires inventory_levels/update when stock is edited from outside", async () => {
    const level = sandbox.control.setInventory({ sku: sku(), quantity: 77 });
    await sandbox.control.waitForWebhooks();
    const body = parsed(received.find((entry) => entry.path === "/inventory") as Received);
    expect(body).toMatchObject({
      available: 77,
      admin_graphql_api_id: expect.stringContaining("InventoryLevel"),
    });
    expect(`gid://shopify/Location/${body.location_id}`).toBe(level.locationId);
  });

  it("retries a refunds/create delivery that got a 5xx", async () => {
    const order = sandbox.control.createOrder({ lines: [{ sku: sku(), quantity: 2 }] });
    sandbox.control.createRefund({ orderId: order.id, lines: [{ sku: sku(), quantity: 1 }] });
    await sandbox.control.waitForWebhooks();
    const attempts = sandbox.control.listDeliveries({ topic: "refunds/create" });
    expect(attempts.map((attempt) => [attempt.attempt, attempt.status])).toEqual([
      [1, 500],
      [2, 200],
    ]);
    const body = parsed(received.find((entry) => entry.path === "/flaky") as Received);
    expect(body).toMatchObject({
      order_id: order.legacyId,
      refund_line_items: [expect.objectContaining({ quantity: 1, restock_type: "cancel" })],
    });
  });

  it("delivers every webhook twice with the same ids in duplicate mode", async () => {
    sandbox.control.setWebhookMode({ duplicate: true });
    sandbox.control.createOrder({ lines: [{ sku: sku(), quantity: 1 }] });
    await sandbox.control.waitForWebhooks();
    const orders = received.filter((entry) => entry.path === "/orders");
    expect(orders).toHaveLength(2);
    expect(orders[0]?.headers["x-shopify-webhook-id"]).toBe(orders[1]?.headers["x-shopify-webhook-id"]);
    expect(orders[0]?.headers["x-shopify-event-id"]).toBe(orders[1]?.headers["x-shopify-event-id"]);
    expect(orders[0]?.raw).toBe(orders[1]?.raw);
  });

  it("shuffles deliveries within a short window in out-of-order mode", async () => {
    sandbox.control.setWebhookMode({ outOfOrder: true });
    const names = Array.from(
      { length: 8 },
      () => sandbox.control.createOrder({ lines: [{ sku: sku(), quantity: 1 }] }).name,
    );
    await sandbox.control.waitForWebhooks();
    const arrived = received.filter((entry) => entry.path === "/orders").map((entry) => parsed(entry).name);
    expect([...arrived].sort()).toEqual([...names].sort());
    expect(arrived).not.toEqual(names);
  });
});
