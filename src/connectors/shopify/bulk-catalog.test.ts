import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ShopifySandbox } from "../../sandboxes/shopify/index.ts";
import type { ChannelProduct, ConnectorSession, Page } from "../contract.ts";
import { createShopifySession } from "./session.ts";
import { credentialsFor, silentEnv, startShop } from "./test-support.ts";

let sandbox: ShopifySandbox;

beforeAll(async () => {
  ({ sandbox } = await startShop({ seed: 61, products: 200, orders: 0, plan: "plus" }));
});
afterAll(() => sandbox.close());

const bulkSession = (thresholdVariants: number) =>
  createShopifySession(credentialsFor(sandbox, { plan: "plus" }), silentEnv(), {
    bulk: { thresholdVariants, pollMs: 10, pageSize: 200 },
  });

async function readAll(session: ConnectorSession, options: { updatedSince?: Date; pageSize?: number } = {}) {
  const items: ChannelProduct[] = [];
  let cursor: string | null = null;
  do {
    const page: Page<ChannelProduct> | undefined = await session.listProducts?.({ ...options, cursor });
    items.push(...(page?.items ?? []));
    cursor = page?.nextCursor ?? null;
  } while (cursor);
  return items;
}

const bulkRuns = () => sandbox.control.callLog().byRootField.bulkOperationRunQuery ?? 0;
const byVariant = (items: ChannelProduct[]) =>
  [...items].sort((a, b) => a.platformVariantId.localeCompare(b.platformVariantId));

describe("Shopify connector: bulk catalogue read", () => {
  it("reads a large shop's full catalogue through one bulk operation, same as paging would", async () => {
    const before = bulkRuns();
    const session = bulkSession(100);
    const first = await session.listProducts({});
    expect(first.items).toHaveLength(200);
    expect(first.estimatedTotal).toBe(sandbox.store.variants.length);
    const viaBulk = [...first.items];
    let cursor = first.nextCursor;
    while (cursor) {
      const page = await session.listProducts({ cursor });
      viaBulk.push(...page.items);
      cursor = page.nextCursor;
    }
    expect(bulkRuns() - before).toBe(1);
    const paged = await readAll(
      createShopifySession(credentialsFor(sandbox, { plan: "plus" }), silentEnv(), { bulk: false }),
    );
    expect(viaBulk).toHaveLength(sandbox.store.variants.length);
    expect(byVariant(viaBulk)).toEqual(byVariant(paged));
  });

  it("resumes a bulk cursor in a new session by downloading the result again", async () => {
    const first = await bulkSession(100).listProducts({});
    const resumed = await bulkSession(100).listProducts({ cursor: first.nextCursor });
    expect(resumed.items).toHaveLength(200);
    expect(resumed.items[0]?.platformVariantId).not.toBe(first.items[0]?.platformVariantId);
  });

  it("pages small shops and incremental reads without a bulk operation", async () => {
    const before = bulkRuns();
    expect(await readAll(bulkSession(100_000))).toHaveLength(sandbox.store.variants.length);
    await readAll(bulkSession(100), { updatedSince: new Date(Date.now() - 86_400_000) });
    expect(bulkRuns()).toBe(before);
  });
});
