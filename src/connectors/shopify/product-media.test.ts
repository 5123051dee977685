import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { credentialsFor, silentEnv, startShop } from "../../../test/helpers/shopify-session.ts";
import type { ShopifySandbox } from "../../sandboxes/shopify/index.ts";
import { imagesOf } from "../../sandboxes/shopify/store/media.ts";
import type { Product } from "../../sandboxes/shopify/store/types.ts";
import type { ChannelProduct, ConnectorSession, Page } from "../contract.ts";
import { createGraphqlClient } from "./client.ts";
import { imagesOfProducts } from "./product-media.ts";
import { createShopifySession } from "./session.ts";

let sandbox: ShopifySandbox;

beforeAll(async () => {
  ({ sandbox } = await startShop({ seed: 23, products: 60, orders: 0, plan: "plus" }));
});
afterAll(() => sandbox.close());

const session = (bulk: false | { thresholdVariants: number }) =>
  createShopifySession(credentialsFor(sandbox, { plan: "plus" }), silentEnv(), {
    bulk: bulk === false ? false : { ...bulk, pollMs: 10 },
  });

async function readAll(s: ConnectorSession, withImages: boolean) {
  const items: ChannelProduct[] = [];
  let cursor: string | null = null;
  do {
    const page: Page<ChannelProduct> | undefined = await s.listProducts?.({
      cursor,
      withImages,
      pageSize: 25,
    });
    items.push(...(page?.items ?? []));
    cursor = page?.nextCursor ?? null;
  } while (cursor);
  return items;
}

/** What the sandbox holds: each variant's product image URLs in position order. */
function expectedImages(): Map<string, string[]> {
  const store = sandbox.store;
  return new Map(
    store.variants.map((v) => [v.sku, imagesOf(store.productOfVariant(v) as Product).map((i) => i.url)]),
  );
}

describe("Shopify connector: product images", () => {
  it("reads every product's images in position order when asked, once per product", async () => {
    const expected = expectedImages();
    expect([...expected.values()].some((urls) => urls.length === 0)).toBe(true);
    expect([...expected.values()].some((urls) => urls.length > 1)).toBe(true);
    const before = sandbox.control.callLog().byRootField.nodes ?? 0;
    const items = await readAll(session(false), true);
    expect(items).toHaveLength(sandbox.store.variants.length);
    for (const item of items) expect(item.images, item.sku ?? "").toEqual(expected.get(item.sku!));
    expect(items[0]?.images[0]).toMatch(/^https:\/\/cdn\.shopify\.com\/s\/files\/.+\.jpg\?v=\d+$/);
    // one batched lookup per page of 25 variants, not one per variant
    const pages = Math.ceil(sandbox.store.variants.length / 25);
    expect((sandbox.control.callLog().byRootField.nodes ?? 0) - before).toBe(pages);
  });

  it("leaves images empty (and spends nothing on them) unless asked", async () => {
    const before = sandbox.control.callLog().byRootField.nodes ?? 0;
    const items = await readAll(session(false), false);
    expect(items.every((item) => item.images.length === 0)).toBe(true);
    expect(sandbox.control.callLog().byRootField.nodes ?? 0).toBe(before);
  });

  it("finishes a product's media page by page when the batched read holds only the first", async () => {
    const client = createGraphqlClient({
      baseUrl: sandbox.url,
      shopLabel: "sandbox",
      accessToken: sandbox.accessToken,
      plan: "plus",
      env: silentEnv(),
    });
    const product = sandbox.store.products.find((p) => p.imageCount >= 3)!;
    const id = `gid://shopify/Product/${8_000_000_000_000 + product.id}`;
    const images = await imagesOfProducts(client, [id, id], 1);
    expect(images.get(id)).toEqual(imagesOf(product).map((i) => i.url));
  });

  it("reads images in the bulk catalogue of a large shop, the same as paging", async () => {
    const paged = await readAll(session(false), true);
    const bulk = await readAll(session({ thresholdVariants: 10 }), true);
    const bySku = (items: ChannelProduct[]) => new Map(items.map((i) => [i.sku, i.images]));
    expect(bySku(bulk)).toEqual(bySku(paged));
  });
});
