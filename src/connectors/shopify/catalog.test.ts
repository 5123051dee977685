import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { credentialsFor, sessionFor, silentEnv, startShop } from "../../../test/helpers/shopify-session.ts";
import type { ShopifySandbox } from "../../sandboxes/shopify/index.ts";
import type { ChannelProduct } from "../contract.ts";
import { PlatformError } from "../http/index.ts";
import { shopifyConnector } from "./index.ts";
import type { ShopifySession } from "./session.ts";

let sandbox: ShopifySandbox;
let session: ShopifySession;

beforeAll(async () => {
  ({ sandbox, session } = await startShop({ seed: 11, products: 30, orders: 0 }));
});
afterAll(() => sandbox.close());

async function allProducts(options: { updatedSince?: Date; pageSize?: number } = {}) {
  const items: ChannelProduct[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const page = await session.listProducts({ ...options, cursor });
    items.push(...page.items);
    cursor = page.nextCursor;
    pages++;
  } while (cursor);
  return { items, pages };
}

describe("Shopify connector: shop, locations and catalogue", () => {
  it("validates a good token and names the shop", async () => {
    await expect(session.validate()).resolves.toEqual({ label: "stockwire-sandbox", currency: "USD" });
  });

  it("refuses a bad token with a clear, non-retryable error", async () => {
    const error = await sessionFor(sandbox, { accessToken: "shpat_wrong" })
      .validate()
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PlatformError);
    expect(error).toMatchObject({ status: 401, retryable: false });
    expect((error as Error).message).toMatch(/refused the access token/);
  });

  it("accepts only myshopify domains unless private URLs are allowed", () => {
    const credentials = credentialsFor(sandbox);
    expect(() => shopifyConnector.connect(credentials, { ...silentEnv(), allowPrivateUrls: false })).toThrow(
      /myshopify/,
    );
    expect(() =>
      shopifyConnector.connect({ ...credentials, shopDomain: "shop.myshopify.com" }, silentEnv()),
    ).not.toThrow();
    expect(shopifyConnector.credentials.safeParse({ shopDomain: "x", accessToken: "" }).success).toBe(false);
    expect(shopifyConnector.describeCredentials({ ...credentials, accessToken: "shpat_1234abcd" })).toEqual({
      shopDomain: sandbox.url,
      accessToken: "…abcd",
      plan: "standard",
    });
  });

  it("lists locations with gids and active flags", async () => {
    const locations = await session.listLocations();
    expect(locations.length).toBe(sandbox.store.locations.length);
    expect(locations[0]).toMatchObject({
      id: expect.stringMatching(/^gid:\/\/shopify\/Location\/\d+$/),
      active: true,
    });
  });

  it("pages through every variant, mapped with exact prices, options and inventory item", async () => {
    const { items, pages } = await allProducts({ pageSize: 20 });
    expect(items.length).toBe(sandbox.store.variants.length);
    expect(pages).toBe(Math.ceil(sandbox.store.variants.length / 20));
    expect(new Set(items.map((item) => item.platformVariantId)).size).toBe(items.length);
    const variant = sandbox.store.variants[0];
    if (!variant) throw new Error("empty sandbox");
    const mapped = items.find((item) => item.sku === variant.sku);
    const product = sandbox.store.productOfVariant(variant);
    expect(mapped).toMatchObject({
      priceMinor: variant.priceCents,
      currency: "USD",
      barcode: variant.barcode,
      weightGrams: variant.grams,
      groupKey: mapped?.platformProductId,
      archived: product.status === "ARCHIVED",
      inventoryItemId: expect.stringMatching(/^gid:\/\/shopify\/InventoryItem\/\d+$/),
    });
    expect(Object.keys(mapped?.options ?? {}).length).toBeGreaterThan(0);
    expect(items.filter((item) => item.archived).length).toBe(
      sandbox.store.variants.filter((v) => sandbox.store.productOfVariant(v).status === "ARCHIVED").length,
    );
  });

  it("lists only variants updated since a time, resuming from the cursor alone", async () => {
    const since = new Date();
    const skus = sandbox.store.variants.slice(3, 6).map((variant) => variant.sku);
    for (const sku of skus) sandbox.control.updateVariant(sku, { price: "12.34" });
    const first = await session.listProducts({ updatedSince: since, pageSize: 2 });
    expect(first.items.length).toBe(2);
    const rest = await session.listProducts({ cursor: first.nextCursor });
    const changed = [...first.items, ...rest.items];
    expect(changed.map((item) => item.sku).sort()).toEqual([...skus].sort());
    expect(changed.every((item) => item.priceMinor === 1234)).toBe(true);
    expect(rest.nextCursor).toBeNull();
  });

  it("refuses a cursor it did not issue", async () => {
    await expect(session.listProducts({ cursor: "not-a-cursor" })).rejects.toThrow(/cursor/);
  });
});
