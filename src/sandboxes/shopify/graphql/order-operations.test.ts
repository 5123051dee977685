import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gid } from "../gid.ts";
import { type ShopifySandbox, startShopifySandbox } from "../index.ts";
import { postGraphql } from "../test-client.ts";
import { verifyShopifyWebhook } from "../webhooks/sign.ts";

let sandbox: ShopifySandbox;
let skus: string[];

beforeAll(async () => {
  sandbox = await startShopifySandbox({ seed: 41, products: 20, orders: 30, locations: 2, plan: "plus" });
  skus = sandbox.store.variants
    .filter((variant) => sandbox.store.itemOfVariant(variant).tracked)
    .slice(0, 4)
    .map((variant) => variant.sku);
});
afterAll(() => sandbox.close());

const sku = (index: number) => skus[index] as string;
const primary = () => gid("Location", sandbox.store.locations[0]?.id as number);

type Errors = { field: string[] | null; message: string }[];

describe("the surface real syncs use (issue 19 item 8)", () => {
  it("lists open fulfillment orders at the root, closed ones only with includeClosed", async () => {
    sandbox.control.setInventory({ sku: sku(0), locationId: primary(), quantity: 10 });
    const order = sandbox.control.createOrder({
      lines: [{ sku: sku(0), quantity: 1 }],
      locationId: primary(),
    });
    const query = `query($closed: Boolean) { fulfillmentOrders(first: 250, includeClosed: $closed) {
      nodes { id status orderId } pageInfo { hasNextPage } } }`;
    type Page = { fulfillmentOrders: { nodes: { id: string; status: string; orderId: string }[] } };
    const open =
      (await postGraphql<Page>(sandbox, query, { closed: false })).data?.fulfillmentOrders.nodes ?? [];
    expect(open.find((node) => node.orderId === order.id)?.status).toBe("OPEN");
    expect(open.every((node) => node.status === "OPEN" || node.status === "IN_PROGRESS")).toBe(true);
    const all =
      (await postGraphql<Page>(sandbox, query, { closed: true })).data?.fulfillmentOrders.nodes ?? [];
    expect(all.length).toBeGreaterThan(open.length);
    expect(all.some((node) => node.status === "CLOSED")).toBe(true);
  });

  it("replaces tracking with fulfillmentTrackingInfoUpdate, charged its measured 50 points", async () => {
    sandbox.control.setInventory({ sku: sku(1), locationId: primary(), quantity: 10 });
    const order = sandbox.control.createOrder({
      lines: [{ sku: sku(1), quantity: 2 }],
      locationId: primary(),
    });
    const [fulfillment] = sandbox.control.fulfillOrder(order.id, { company: "UPS", number: "1Z1" });
    const body = await postGraphql<{
      fulfillmentTrackingInfoUpdate: {
        fulfillment: { trackingInfo: { company: string; number: string }[] };
        userErrors: Errors;
      };
    }>(
      sandbox,
      `mutation($id: ID!, $t: FulfillmentTrackingInput!) { fulfillmentTrackingInfoUpdate(fulfillmentId: $id, trackingInfoInput: $t) {
        fulfillment { trackingInfo { company number } } userErrors { field message } } }`,
      { id: fulfillment?.id, t: { company: "DHL", number: "JD2" } },
    );
    expect(body.data?.fulfillmentTrackingInfoUpdate).toEqual({
      fulfillment: { trackingInfo: [{ company: "DHL", number: "JD2" }] },
      userErrors: [],
    });
    expect(body.extensions?.cost.requestedQueryCost).toBe(50);
  });

  it("cancels a fulfillment: units go back to committed and the fulfillment order reopens", async () => {
    sandbox.control.setInventory({ sku: sku(2), locationId: primary(), quantity: 10 });
    const order = sandbox.control.createOrder({
      lines: [{ sku: sku(2), quantity: 3 }],
      locationId: primary(),
    });
    const [fulfillment] = sandbox.control.fulfillOrder(order.id);
    const shipped = sandbox.control.getInventory(sku(2), primary());
    const body = await postGraphql<{
      fulfillmentCancel: { fulfillment: { status: string; order: { displayFulfillmentStatus: string } } };
    }>(
      sandbox,
      `mutation($id: ID!) { fulfillmentCancel(id: $id) { fulfillment { status order { displayFulfillmentStatus } }
        userErrors { message } } }`,
      { id: fulfillment?.id },
    );
    expect(body.data?.fulfillmentCancel.fulfillment).toEqual({
      status: "CANCELLED",
      order: { displayFulfillmentStatus: "UNFULFILLED" },
    });
    const after = sandbox.control.getInventory(sku(2), primary());
    expect(after?.committed).toBe((shipped?.committed ?? 0) + 3);
    expect(after?.available).toBe(shipped?.available);
    const again = await postGraphql<{ fulfillmentCancel: { userErrors: Errors } }>(
      sandbox,
      "mutation($id: ID!) { fulfillmentCancel(id: $id) { userErrors { field message } } }",
      { id: fulfillment?.id },
    );
    expect(again.data?.fulfillmentCancel.userErrors[0]?.message).toMatch(/already cancelled/);
  });

  it("cancels an order with orderCancel (restock), and refuses a second cancel", async () => {
    sandbox.control.setInventory({ sku: sku(3), locationId: primary(), quantity: 10 });
    const order = sandbox.control.createOrder({
      lines: [{ sku: sku(3), quantity: 4 }],
      locationId: primary(),
    });
    const mutation = `mutation($id: ID!) { orderCancel(orderId: $id, reason: CUSTOMER, restock: true,
      refundMethod: { originalPaymentMethodsRefund: true }, staffNote: "wrong size") {
      job { id done } orderCancelUserErrors { code field message } } }`;
    type Cancel = {
      orderCancel: { job: { id: string; done: boolean } | null; orderCancelUserErrors: { code: string }[] };
    };
    const body = await postGraphql<Cancel>(sandbox, mutation, { id: order.id });
    expect(body.data?.orderCancel.orderCancelUserErrors).toEqual([]);
    expect(body.data?.orderCancel.job?.id).toMatch(/^gid:\/\/shopify\/Job\//);
    expect(sandbox.control.getInventory(sku(3), primary())?.available).toBe(10);
    const read = await postGraphql<{ order: { cancelReason: string; displayFinancialStatus: string } }>(
      sandbox,
      "query($id: ID!) { order(id: $id) { cancelReason displayFinancialStatus } }",
      { id: order.id },
    );
    expect(read.data?.order).toEqual({ cancelReason: "CUSTOMER", displayFinancialStatus: "REFUNDED" });
    const again = await postGraphql<Cancel>(sandbox, mutation, { id: order.id });
    expect(again.data?.orderCancel).toMatchObject({
      job: null,
      orderCancelUserErrors: [{ code: "INVALID" }],
    });
  });

  it("stocks an item at a new location with inventoryActivate, and edits the item with inventoryItemUpdate", async () => {
    const second = sandbox.store.locations[1];
    const item = sandbox.store.inventoryItems.find(
      (candidate) => candidate.tracked && !candidate.levels.some((level) => level.locationId === second?.id),
    );
    expect(item && second).toBeTruthy();
    const itemId = gid("InventoryItem", item?.id as number);
    const locationId = gid("Location", second?.id as number);
    const activate = await postGraphql<{
      inventoryActivate: { inventoryLevel: { quantities: { name: string; quantity: number }[] } };
    }>(
      sandbox,
      `mutation($item: ID!, $loc: ID!) { inventoryActivate(inventoryItemId: $item, locationId: $loc, available: 7) {
        inventoryLevel { quantities(names: ["available"]) { name quantity } } userErrors { message } } }`,
      { item: itemId, loc: locationId },
    );
    expect(activate.data?.inventoryActivate.inventoryLevel.quantities).toEqual([
      { name: "available", quantity: 7 },
    ]);
    const update = await postGraphql<{
      inventoryItemUpdate: { inventoryItem: { sku: string; tracked: boolean }; userErrors: Errors };
    }>(
      sandbox,
      `mutation($id: ID!) { inventoryItemUpdate(id: $id, input: { sku: "RENAMED-1", tracked: false }) {
        inventoryItem { sku tracked } userErrors { field message } } }`,
      { id: itemId },
    );
    expect(update.data?.inventoryItemUpdate).toEqual({
      inventoryItem: { sku: "RENAMED-1", tracked: false },
      userErrors: [],
    });
  });

  it("finds a product by handle or id with productByIdentifier, and gives refunds a processedAt", async () => {
    const product = sandbox.store.products[2];
    const byHandle = await postGraphql<{ productByIdentifier: { id: string } | null }>(
      sandbox,
      "query($h: String!) { productByIdentifier(identifier: { handle: $h }) { id } }",
      { h: product?.handle },
    );
    expect(byHandle.data?.productByIdentifier?.id).toBe(gid("Product", product?.id as number));
    const missing = await postGraphql<{ productByIdentifier: null }>(
      sandbox,
      'query { productByIdentifier(identifier: { handle: "no-such-handle" }) { id } }',
    );
    expect(missing.data?.productByIdentifier).toBeNull();
    const refunded = sandbox.store.orders.find((order) => order.refunds.length > 0);
    const read = await postGraphql<{ order: { refunds: { createdAt: string; processedAt: string }[] } }>(
      sandbox,
      "query($id: ID!) { order(id: $id) { refunds { createdAt processedAt } } }",
      { id: gid("Order", refunded?.id as number) },
    );
    const [first] = read.data?.order.refunds ?? [];
    expect(first?.processedAt).toBe(first?.createdAt);
  });
});

describe("uninstalling the app", () => {
  let receiver: Server;
  const received: { topic: string; body: string; valid: boolean }[] = [];

  beforeAll(async () => {
    receiver = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on("data", (chunk: Buffer) => chunks.push(chunk));
      request.on("end", () => {
        const body = Buffer.concat(chunks).toString("utf8");
        const signature = String(request.headers["x-shopify-hmac-sha256"]);
        received.push({
          topic: String(request.headers["x-shopify-topic"]),
          body,
          valid: verifyShopifyWebhook(body, sandbox.apiSecret, signature),
        });
        response.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  });
  afterAll(() => new Promise<void>((resolve) => receiver.close(() => resolve())));

  it("delivers APP_UNINSTALLED with the shop, then answers 401 to the old token", async () => {
    const uri = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
    const created = await postGraphql<{ webhookSubscriptionCreate: { userErrors: Errors } }>(
      sandbox,
      `mutation($uri: String!) { webhookSubscriptionCreate(topic: APP_UNINSTALLED, webhookSubscription: { uri: $uri }) {
        userErrors { field message } } }`,
      { uri },
    );
    expect(created.data?.webhookSubscriptionCreate.userErrors).toEqual([]);
    sandbox.control.uninstallApp();
    await sandbox.control.waitForWebhooks();
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ topic: "app/uninstalled", valid: true });
    expect(JSON.parse(received[0]?.body ?? "{}")).toMatchObject({
      myshopify_domain: sandbox.store.shop.domain,
    });
    const after = await fetch(sandbox.graphqlUrl, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-Shopify-Access-Token": sandbox.accessToken },
      body: JSON.stringify({ query: "{ shop { name } }" }),
    });
    expect(after.status).toBe(401);
    sandbox.control.reset();
    expect(
      (await postGraphql<{ shop: { name: string } }>(sandbox, "{ shop { name } }")).data?.shop.name,
    ).toBeTruthy();
  });
});
