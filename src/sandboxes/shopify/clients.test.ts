import "@shopify/shopify-api/adapters/node";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { ApiVersion, shopifyApi } from "@shopify/shopify-api";
import Shopify from "shopify-api-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gid } from "./gid.ts";
import { type ShopifySandbox, startShopifySandbox } from "./index.ts";

/**
 * Contract suite: the sandbox driven by clients nobody here wrote. shopify-api-node only gets its
 * `baseUrl` pointed at the sandbox (it always builds https://<shop>.myshopify.com and has no
 * option for another host); @shopify/shopify-api validates webhooks as an app would.
 */
let sandbox: ShopifySandbox;
let client: Shopify;

beforeAll(async () => {
  sandbox = await startShopifySandbox({ seed: 61, products: 30, orders: 25, locations: 1 });
  client = new Shopify({ shopName: "sandbox", accessToken: sandbox.accessToken, apiVersion: "2026-04" });
  const { hostname, port } = new URL(sandbox.url);
  (client as unknown as { baseUrl: object }).baseUrl = { hostname, port, protocol: "http:" };
});
afterAll(() => sandbox.close());

type Page<T> = { nodes: T[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };

async function pageAll<T>(field: string, selection: string): Promise<T[]> {
  const all: T[] = [];
  let after: string | null = null;
  do {
    const data = (await client.graphql(
      `query($after: String) { ${field}(first: 7, after: $after) { nodes { ${selection} } pageInfo { hasNextPage endCursor } } }`,
      { after },
    )) as Record<string, Page<T>>;
    const page = data[field] as Page<T>;
    all.push(...page.nodes);
    after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
  } while (after);
  return all;
}

describe("shopify-api-node against the sandbox", () => {
  it("lists products and orders, paging to the end", async () => {
    const products = await pageAll<{ id: string; title: string }>("products", "id title");
    expect(products).toHaveLength(sandbox.store.products.length);
    const orders = await pageAll<{ id: string; name: string }>("orders", "id name");
    expect(orders).toHaveLength(sandbox.store.orders.length);
    expect(new Set(orders.map((o) => o.id)).size).toBe(orders.length);
  });

  it("reads one product and order by id, and follows the cost extension in its limits", async () => {
    const product = sandbox.store.products[0];
    const data = (await client.graphql("query($id: ID!) { product(id: $id) { id title } }", {
      id: gid("Product", product?.id as number),
    })) as { product: { title: string } };
    expect(data.product.title).toBe(product?.title);
    const limits = (client as unknown as { callGraphqlLimits?: { remaining: number; max: number } })
      .callGraphqlLimits;
    expect(limits?.max).toBe(2000);
  });

  it("sets inventory with inventorySetQuantities", async () => {
    const variant = sandbox.store.variants.find((v) => sandbox.store.itemOfVariant(v).tracked);
    const item = sandbox.store.itemOfVariant(variant as NonNullable<typeof variant>);
    const level = item.levels[0];
    const data = (await client.graphql(
      `mutation($input: InventorySetQuantitiesInput!) { inventorySetQuantities(input: $input) {
        inventoryAdjustmentGroup { changes { name delta } } userErrors { code message } } }`,
      {
        input: {
          name: "available",
          reason: "correction",
          quantities: [
            {
              inventoryItemId: gid("InventoryItem", item.id),
              locationId: gid("Location", level?.locationId as number),
              quantity: 42,
              changeFromQuantity: level?.available,
            },
          ],
        },
      },
    )) as { inventorySetQuantities: { userErrors: unknown[] } };
    expect(data.inventorySetQuantities.userErrors).toEqual([]);
    expect(level?.available).toBe(42);
  });

  it("surfaces a GraphQL error as the client's error", async () => {
    await expect(client.graphql("{ nope }")).rejects.toThrow(
      /Field 'nope' doesn't exist on type 'QueryRoot'/,
    );
  });
});

describe("@shopify/shopify-api webhook validation", () => {
  let receiver: Server;
  const results: { valid: boolean; topic?: string }[] = [];
  let shopify: ReturnType<typeof shopifyApi>;

  beforeAll(async () => {
    shopify = shopifyApi({
      apiKey: "sandbox-app",
      apiSecretKey: sandbox.apiSecret,
      apiVersion: ApiVersion.April26,
      hostName: "127.0.0.1",
      isEmbeddedApp: false,
      logger: { level: 0 },
    });
    receiver = createServer((request: IncomingMessage, response: ServerResponse) => {
      const chunks: Buffer[] = [];
      request.on("data", (chunk: Buffer) => chunks.push(chunk));
      request.on("end", async () => {
        const result = await shopify.webhooks.validate({
          rawBody: Buffer.concat(chunks).toString("utf8"),
          rawRequest: request,
          rawResponse: response,
        });
        results.push({ valid: result.valid, ...(result.valid ? { topic: result.topic } : {}) });
        response.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  });
  afterAll(() => new Promise<void>((resolve) => receiver.close(() => resolve())));

  it("accepts every delivery the sandbox signs", async () => {
    const uri = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhooks`;
    await client.graphql(
      `mutation($uri: String!) { webhookSubscriptionCreate(topic: ORDERS_CREATE, webhookSubscription: { uri: $uri }) {
        userErrors { message } } }`,
      { uri },
    );
    const sku = sandbox.store.variants.find((v) => sandbox.store.itemOfVariant(v).tracked)?.sku as string;
    sandbox.control.createOrder({ lines: [{ sku, quantity: 1 }] });
    sandbox.control.createOrder({ lines: [{ sku, quantity: 2 }] });
    await sandbox.control.waitForWebhooks();
    expect(results).toHaveLength(2);
    expect(results.every((r) => r.valid && r.topic === "ORDERS_CREATE")).toBe(true);
  });
});
