import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type ShopifySandbox, startShopifySandbox } from "../index.ts";
import { postGraphql } from "../test-client.ts";

let sandbox: ShopifySandbox;

beforeAll(async () => {
  sandbox = await startShopifySandbox({ seed: 5, products: 20, orders: 20 });
});
beforeEach(() => {
  sandbox.control.setThrottle({ maximumAvailable: 2000, restoreRate: 100, currentlyAvailable: 2000 });
});
afterAll(() => sandbox.close());

const tenProducts = "{ products(first: 10) { nodes { id variants(first: 4) { nodes { sku } } } } }";

describe("calculated query cost", () => {
  it("reports requested and actual cost with the standard plan's bucket on every response", async () => {
    const body = await postGraphql(sandbox, tenProducts);
    const cost = body.extensions?.cost;
    // 2 + ⌊2·ln 10⌋ × (product 1 + variants 2 + ⌊2·ln 4⌋ × 1)
    expect(cost?.requestedQueryCost).toBe(2 + 4 * (1 + 2 + 2));
    // What came back, counted per object, never charges more than was requested.
    const variants = sandbox.store.products.slice(0, 10).reduce((sum, p) => sum + p.variantIds.length, 0);
    expect(cost?.actualQueryCost).toBe(Math.min(22, 2 + 10 * (1 + 2) + variants));
    expect(cost?.throttleStatus).toMatchObject({ maximumAvailable: 2000, restoreRate: 100 });
    expect(cost?.throttleStatus.currentlyAvailable).toBeGreaterThanOrEqual(
      2000 - (cost?.actualQueryCost ?? 0),
    );
  });

  it("answers THROTTLED with HTTP 200 and runs nothing when the bucket is low, then recovers", async () => {
    sandbox.control.setThrottle({ currentlyAvailable: 10, restoreRate: 0 });
    const before = sandbox.control.callLog().throttled;
    const response = await fetch(sandbox.graphqlUrl, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-Shopify-Access-Token": sandbox.accessToken },
      body: JSON.stringify({ query: tenProducts }),
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as Awaited<ReturnType<typeof postGraphql>>;
    expect(body.data).toBeUndefined();
    expect(body.errors).toEqual([
      {
        message: "Throttled",
        extensions: { code: "THROTTLED", documentation: "https://shopify.dev/api/usage/rate-limits" },
      },
    ]);
    expect(body.extensions?.cost).toMatchObject({ requestedQueryCost: 22, actualQueryCost: null });
    expect(body.extensions?.cost.throttleStatus.currentlyAvailable).toBe(10);
    expect(sandbox.control.callLog().throttled).toBe(before + 1);

    sandbox.control.setThrottle({ restoreRate: 1000 });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const recovered = await postGraphql(sandbox, tenProducts);
    expect(recovered.errors).toBeUndefined();
    expect(recovered.data).toBeDefined();
  });

  it("rejects a query over the single-query maximum with MAX_COST_EXCEEDED", async () => {
    const body = await postGraphql(
      sandbox,
      `{ products(first: 250) { nodes { id variants(first: 250) { nodes {
        inventoryItem { inventoryLevels(first: 250) { nodes { id } } } } } } } }`,
    );
    expect(body.data).toBeUndefined();
    expect(body.errors?.[0]?.extensions).toMatchObject({
      code: "MAX_COST_EXCEEDED",
      cost: 1850,
      maxCost: 1000,
    });
    expect(body.errors?.[0]?.message).toMatch(
      /^Query cost is 1850, which exceeds the single query max cost limit \(1000\)/,
    );
    expect(sandbox.control.getThrottle().currentlyAvailable).toBe(2000);
  });

  it("uses the published limits of the chosen plan", async () => {
    const plus = await startShopifySandbox({ seed: 5, products: 1, orders: 0, plan: "plus" });
    try {
      const body = await postGraphql(plus, "{ shop { name } }");
      expect(body.extensions?.cost.throttleStatus).toMatchObject({
        maximumAvailable: 20000,
        restoreRate: 1000,
      });
    } finally {
      await plus.close();
    }
  });
});
