import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { credentialsFor, startShop } from "../../../test/helpers/shopify-session.ts";
import type { DeliveryRecord, ShopifySandbox } from "../../sandboxes/shopify/index.ts";
import { shopifyConnector } from "./index.ts";
import type { ShopifySession } from "./session.ts";
import { parseShopifyWebhook } from "./webhooks.ts";

let sandbox: ShopifySandbox;
let session: ShopifySession;
let receiver: Server;
let callbackUrl: string;
const received: { headers: Record<string, string | undefined>; raw: Buffer }[] = [];

beforeAll(async () => {
  ({ sandbox, session } = await startShop({
    seed: 41,
    products: 30,
    orders: 10,
    webhookRetryDelaysMs: [20],
  }));
  receiver = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const headers = Object.fromEntries(
        Object.entries(request.headers).map(([name, value]) => [
          name,
          Array.isArray(value) ? value.join(",") : value,
        ]),
      );
      received.push({ headers, raw: Buffer.concat(chunks) });
      response.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  callbackUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhooks/shopify`;
});
afterAll(async () => {
  await sandbox.close();
  await new Promise((resolve) => receiver.close(resolve));
});

const sku = (index: number) => {
  const variant = sandbox.store.variants.filter((v) => sandbox.store.itemOfVariant(v).tracked)[index];
  if (!variant) throw new Error("seed too small");
  return variant.sku;
};

async function delivered(topic: string) {
  await sandbox.control.waitForWebhooks();
  const found = received.filter((delivery) => delivery.headers["x-shopify-topic"] === topic);
  if (found.length === 0) throw new Error(`no ${topic} delivery`);
  return found;
}

describe("Shopify connector: fulfillment", () => {
  it("ships chosen lines with tracking, then the rest, then refuses an empty shipment", async () => {
    const order = sandbox.control.createOrder({
      lines: [
        { sku: sku(0), quantity: 2 },
        { sku: sku(1), quantity: 1 },
      ],
    });
    const [first, second] = order.lineItems;
    if (!first || !second) throw new Error("order without lines");
    const { platformFulfillmentId } = await session.createFulfillment({
      platformOrderId: order.id,
      lines: [{ platformLineId: first.id, quantity: 1 }],
      carrier: "UPS",
      trackingNumber: "1Z999AA10123456784",
      trackingUrl: "https://www.ups.com/track?tracknum=1Z999AA10123456784",
      notifyCustomer: false,
    });
    expect(platformFulfillmentId).toMatch(/^gid:\/\/shopify\/Fulfillment\/\d+$/);
    const stored = sandbox.store.orders.find((candidate) => candidate.name === order.name);
    expect(stored?.fulfillments[0]?.trackingInfo).toEqual([
      {
        company: "UPS",
        number: "1Z999AA10123456784",
        url: "https://www.ups.com/track?tracknum=1Z999AA10123456784",
      },
    ]);
    expect(stored?.lineItems.map((line) => line.fulfilledQuantity)).toEqual([1, 0]);

    await session.createFulfillment({
      platformOrderId: order.id,
      lines: [],
      carrier: null,
      trackingNumber: "TRACK-2",
      trackingUrl: null,
      notifyCustomer: true,
    });
    expect(stored?.lineItems.map((line) => line.fulfilledQuantity)).toEqual([2, 1]);
    expect((await session.getOrder(order.id))?.fulfillmentStatus).toBe("fulfilled");
    await expect(
      session.createFulfillment({
        platformOrderId: order.id,
        lines: [{ platformLineId: second.id, quantity: 1 }],
        carrier: null,
        trackingNumber: null,
        trackingUrl: null,
        notifyCustomer: false,
      }),
    ).rejects.toMatchObject({ code: "shopify_nothing_to_fulfil" });
  });
});

describe("Shopify connector: webhooks", () => {
  it("registers the sync topics once, however often it is called", async () => {
    const first = await session.registerWebhooks(callbackUrl);
    const second = await session.registerWebhooks(callbackUrl);
    expect(first.topics).toEqual([
      "orders/create",
      "orders/updated",
      "orders/paid",
      "orders/cancelled",
      "refunds/create",
      "products/update",
      "inventory_levels/update",
      "app/uninstalled",
    ]);
    expect(second).toEqual(first);
    expect(sandbox.store.webhookSubscriptions).toHaveLength(8);
  });

  it("tells its own subscriptions from the app's others by uri (webhookSubscriptions has no uri argument)", async () => {
    const other = "http://127.0.0.1:9/another-hub";
    await session.registerWebhooks(other);
    expect(sandbox.store.webhookSubscriptions.filter((s) => s.uri === other)).toHaveLength(8);
    await session.registerWebhooks(callbackUrl);
    expect(sandbox.store.webhookSubscriptions).toHaveLength(16);
    // Nothing listens there: later tests' deliveries should not wait on its retries.
    sandbox.store.webhookSubscriptions = sandbox.store.webhookSubscriptions.filter((s) => s.uri !== other);
  });

  it("reads app/uninstalled as the app's removal", () => {
    const notice = parseShopifyWebhook(
      { "x-shopify-topic": "app/uninstalled", "x-shopify-event-id": "e-1" },
      Buffer.from(JSON.stringify({ id: 1, myshopify_domain: "x.myshopify.com" })),
    );
    expect(notice).toMatchObject({ kind: "uninstalled", topic: "app/uninstalled", objectId: null });
  });

  it("verifies the signature on the raw body and refuses tampering or another secret", async () => {
    sandbox.control.createOrder({ lines: [{ sku: sku(2), quantity: 1 }] });
    const [delivery] = await delivered("orders/create");
    if (!delivery) throw new Error("unreachable");
    const credentials = credentialsFor(sandbox);
    expect(shopifyConnector.verifyWebhook?.(credentials, delivery.headers, delivery.raw)).toBe(true);
    const tampered = Buffer.from(
      delivery.raw.toString("utf8").replace('"currency":"USD"', '"currency":"EUR"'),
    );
    expect(shopifyConnector.verifyWebhook?.(credentials, delivery.headers, tampered)).toBe(false);
    expect(
      shopifyConnector.verifyWebhook?.(
        { ...credentials, apiSecret: "other" },
        delivery.headers,
        delivery.raw,
      ),
    ).toBe(false);
    const { "x-shopify-hmac-sha256": _, ...unsigned } = delivery.headers;
    expect(shopifyConnector.verifyWebhook?.(credentials, unsigned, delivery.raw)).toBe(false);
  });

  it("reads an order delivery into the same ChannelOrder a poll returns", async () => {
    const created = sandbox.control.createOrder({
      lines: [{ sku: sku(3), quantity: 2 }],
      shippingPrice: "4.50",
    });
    await sandbox.control.waitForWebhooks();
    const delivery = received.find(
      (candidate) =>
        candidate.headers["x-shopify-topic"] === "orders/create" &&
        candidate.raw.toString("utf8").includes(`"admin_graphql_api_id":"${created.id}"`),
    );
    if (!delivery) throw new Error("no delivery for the new order");
    const notice = shopifyConnector.parseWebhook?.(delivery.headers, delivery.raw);
    expect(notice).toMatchObject({
      eventId: delivery.headers["x-shopify-event-id"],
      topic: "orders/create",
      kind: "order",
      objectId: created.id,
      occurredAt: new Date(delivery.headers["x-shopify-triggered-at"] as string),
    });
    const polled = await session.getOrder(created.id);
    expect({ ...notice?.order, locationId: null }).toEqual({ ...polled, locationId: null });
  });

  it("names the order behind a refund, the product, and the new level of an inventory change", async () => {
    const order = sandbox.control.createOrder({ lines: [{ sku: sku(4), quantity: 1 }] });
    sandbox.control.createRefund({ orderId: order.id, lines: [{ sku: sku(4), quantity: 1 }] });
    const level = sandbox.control.setInventory({ sku: sku(5), quantity: 77 });
    const parse = (delivery: { headers: Record<string, string | undefined>; raw: Buffer }) =>
      shopifyConnector.parseWebhook?.(delivery.headers, delivery.raw);

    const refunds = (await delivered("refunds/create")).map(parse);
    expect(refunds).toContainEqual(expect.objectContaining({ kind: "refund", objectId: order.id }));
    const inventory = (await delivered("inventory_levels/update")).map(parse);
    expect(inventory).toContainEqual(
      expect.objectContaining({
        kind: "inventory",
        objectId: level.inventoryItemId,
        level: {
          inventoryItemId: level.inventoryItemId,
          locationId: level.locationId,
          sku: null,
          quantity: 77,
        },
      }),
    );
    const products = (await delivered("products/update")).map(parse);
    expect(products[0]).toMatchObject({
      kind: "product",
      objectId: expect.stringMatching(/^gid:\/\/shopify\/Product\//),
    });
    // The variants come along, so a stock-only product update can be told from a catalogue change.
    expect(products.flatMap((p) => p?.variants ?? [])).toContainEqual({
      platformVariantId: expect.stringMatching(/^gid:\/\/shopify\/ProductVariant\//),
      inventoryItemId: level.inventoryItemId,
      sku: sku(5),
    });
  });

  it("lists an untracked variant without an inventory item, as the catalogue read does", async () => {
    // The last variant (after every index sku() hands out) stops being tracked, as a merchant can.
    const untracked = sandbox.store.variants.at(-1);
    if (!untracked) throw new Error("seed has no variants");
    sandbox.store.itemOfVariant(untracked).tracked = false;
    sandbox.control.updateVariant(untracked.sku, { price: "12.34" });
    const notices = (await delivered("products/update")).map((d) =>
      shopifyConnector.parseWebhook?.(d.headers, d.raw),
    );
    const variants = notices.flatMap((n) => n?.variants ?? []).filter((v) => v.sku === untracked.sku);
    expect(variants.length).toBeGreaterThan(0);
    expect(variants.every((v) => v.inventoryItemId === null)).toBe(true);
  });

  it("falls back to the webhook id for dedupe and refuses a body that is not JSON", () => {
    const headers = { "x-shopify-topic": "orders/delete", "x-shopify-webhook-id": "wh-1" };
    const notice = shopifyConnector.parseWebhook?.(headers, Buffer.from('{"id":450789469}'));
    expect(notice).toMatchObject({
      eventId: "wh-1",
      kind: "order",
      objectId: "gid://shopify/Order/450789469",
    });
    expect(notice?.order).toBeUndefined();
    expect(() => shopifyConnector.parseWebhook?.(headers, Buffer.from("not json"))).toThrow(/not JSON/);
  });

  it("sees duplicate deliveries with one event id", async () => {
    sandbox.control.setWebhookMode({ duplicate: true });
    const order = sandbox.control.createOrder({ lines: [{ sku: sku(6), quantity: 1 }] });
    await sandbox.control.waitForWebhooks();
    sandbox.control.setWebhookMode({ duplicate: false });
    const records: readonly DeliveryRecord[] = sandbox.control.listDeliveries({ topic: "orders/create" });
    const mine = records.filter((record) => record.body.includes(`"admin_graphql_api_id":"${order.id}"`));
    expect(mine.length).toBe(2);
    const notices = mine.map((record) =>
      shopifyConnector.parseWebhook?.(record.headers, Buffer.from(record.body, "utf8")),
    );
    expect(new Set(notices.map((notice) => notice?.eventId)).size).toBe(1);
  });
});
