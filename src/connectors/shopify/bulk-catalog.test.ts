import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { credentialsFor, silentEnv, startShop } from "../../../test/helpers/shopify-session.ts";
import type { ShopifySandbox } from "../../sandboxes/shopify/index.ts";
import {
  type ChannelProduct,
  type ConnectorSession,
  type Page,
  PlatformDeferred,
  withWaitLimit,
} from "../contract.ts";
import { createShopifySession } from "./session.ts";

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

  it("under a job's wait limit hands out the operation's cursor instead of waiting for it", async () => {
    const before = bulkRuns();
    // The sandbox finishes at once; the first two status answers say "RUNNING", as a real shop's would.
    let held = 2;
    const fetchRunningFirst: typeof fetch = async (url, init) => {
      const res = await fetch(url, init);
      if (!String(init?.body).includes("StockwireBulkOperation") || held-- <= 0) return res;
      const body = (await res.json()) as { data: { node: { status: string } } };
      body.data.node.status = "RUNNING";
      return new Response(JSON.stringify(body), { status: res.status, headers: res.headers });
    };
    const session = createShopifySession(
      credentialsFor(sandbox, { plan: "plus" }),
      { ...silentEnv(), fetch: fetchRunningFirst },
      { bulk: { thresholdVariants: 100, pollMs: 10, pageSize: 200 } },
    );
    const items: ChannelProduct[] = [];
    let cursor: string | null = null;
    const outcomes: string[] = [];
    for (let call = 0; call < 100 && !(cursor === null && items.length > 0); call++) {
      try {
        const page: Page<ChannelProduct> = await withWaitLimit(0, () => session.listProducts({ cursor }));
        outcomes.push(page.items.length === 0 ? "cursor" : "page");
        items.push(...page.items);
        cursor = page.nextCursor;
      } catch (error) {
        if (!(error instanceof PlatformDeferred)) throw error;
        outcomes.push("deferred");
        await new Promise((r) => setTimeout(r, error.retryAfterMs));
      }
    }
    // The first call came back with the running operation's cursor, the next one deferred.
    expect(outcomes.slice(0, 3)).toEqual(["cursor", "deferred", "page"]);
    expect(bulkRuns() - before).toBe(1);
    expect(items).toHaveLength(sandbox.store.variants.length);
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
