import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isoDateTime } from "../format.ts";
import { gid } from "../gid.ts";
import { type ShopifySandbox, startShopifySandbox } from "../index.ts";
import { postGraphql } from "../test-client.ts";

let sandbox: ShopifySandbox;

beforeAll(async () => {
  sandbox = await startShopifySandbox({ seed: 11, products: 60, orders: 120, plan: "plus" });
});
afterAll(() => sandbox.close());

interface Page<T> {
  edges: { cursor: string; node: T }[];
  nodes: T[];
  pageInfo: {
    hasNextPage: boolean;
    hasPreviousPage: boolean;
    startCursor: string | null;
    endCursor: string | null;
  };
}

const variantsQuery = `query($first: Int, $after: String, $last: Int, $before: String, $reverse: Boolean, $query: String) {
  productVariants(first: $first, after: $after, last: $last, before: $before, reverse: $reverse, query: $query) {
    edges { cursor node { id sku } }
    nodes { id }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}`;

async function variants(variables: Record<string, unknown>) {
  const body = await postGraphql<{ productVariants: Page<{ id: string; sku: string }> }>(
    sandbox,
    variantsQuery,
    variables,
  );
  expect(body.errors).toBeUndefined();
  return body.data?.productVariants as Page<{ id: string; sku: string }>;
}

describe("connections", () => {
  it("pages through every variant with cursors", async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let pageNumber = 0; pageNumber < 20; pageNumber++) {
      const page = await variants({ first: 50, after });
      expect(page.nodes.map((node) => node.id)).toEqual(page.edges.map((edge) => edge.node.id));
      expect(page.pageInfo.hasPreviousPage).toBe(pageNumber > 0);
      seen.push(...page.nodes.map((node) => node.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual(sandbox.store.variants.map((variant) => gid("ProductVariant", variant.id)));
  });

  it("pages backwards with last/before and forwards in reverse", async () => {
    const first = await variants({ first: 20 });
    const before = await variants({ last: 5, before: first.pageInfo.endCursor });
    expect(before.nodes.map((n) => n.id)).toEqual(first.nodes.slice(14, 19).map((n) => n.id));
    expect(before.pageInfo.hasPreviousPage).toBe(true);
    const reversed = await variants({ first: 3, reverse: true });
    const all = sandbox.store.variants;
    expect(reversed.nodes.map((n) => n.id)).toEqual(
      all
        .slice(-3)
        .reverse()
        .map((v) => gid("ProductVariant", v.id)),
    );
  });

  it("rejects page sizes over 250 and connections without first or last", async () => {
    const tooMany = await postGraphql(sandbox, "{ products(first: 251) { nodes { id } } }");
    expect(tooMany.data).toBeUndefined();
    expect(tooMany.errors?.[0]?.message).toMatch(/250/);
    const none = await postGraphql(sandbox, "{ orders { nodes { id } } }");
    expect(none.errors?.[0]?.message).toBe("you must provide one of first or last");
  });
});

describe("search queries", () => {
  it("finds a variant and its inventory item by sku", async () => {
    const variant = sandbox.store.variants[17];
    if (!variant) throw new Error("seed too small");
    const page = await variants({ first: 10, query: `sku:${variant.sku}` });
    expect(page.nodes).toHaveLength(1);
    const body = await postGraphql<{ inventoryItems: { nodes: { sku: string }[] } }>(
      sandbox,
      `{ inventoryItems(first: 5, query: "sku:'${variant.sku}'") { nodes { sku } } }`,
    );
    expect(body.data?.inventoryItems.nodes).toEqual([{ sku: variant.sku }]);
  });

  it("lists orders updated since a time, sorted by UPDATED_AT, with status:any", async () => {
    const orders = sandbox.store.orders;
    const cutoff =
      [...orders].sort((a, b) => a.updatedAt - b.updatedAt)[Math.floor(orders.length / 2)]?.updatedAt ?? 0;
    const since = isoDateTime(cutoff);
    const expected = orders
      .filter((order) => Math.floor(order.updatedAt / 1000) > Math.floor(cutoff / 1000))
      .sort((a, b) => a.updatedAt - b.updatedAt || a.id - b.id)
      .map((order) => gid("Order", order.id));
    const query = `updated_at:>'${since}' AND status:any`;
    const ids: string[] = [];
    let after: string | null = null;
    for (;;) {
      const body = await postGraphql<{ orders: Page<{ id: string; updatedAt: string }> }>(
        sandbox,
        `query($after: String, $query: String) { orders(first: 25, after: $after, sortKey: UPDATED_AT, query: $query) {
          nodes { id updatedAt } pageInfo { hasNextPage endCursor } } }`,
        { after, query },
      );
      const page = body.data?.orders as Page<{ id: string; updatedAt: string }>;
      ids.push(...page.nodes.map((node) => node.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(ids).toEqual(expected);
    expect(ids.length).toBeGreaterThan(0);
  });

  it("filters by created_at:>= and financial status together", async () => {
    const from = sandbox.store.orders[40]?.createdAt ?? 0;
    const body = await postGraphql<{
      orders: { nodes: { createdAt: string; displayFinancialStatus: string }[] };
    }>(
      sandbox,
      `{ orders(first: 250, query: "created_at:>='${isoDateTime(from)}' AND financial_status:paid") { nodes { createdAt displayFinancialStatus } } }`,
    );
    const nodes = body.data?.orders.nodes ?? [];
    const expected = sandbox.store.orders.filter(
      (order) =>
        Math.floor(order.createdAt / 1000) >= Math.floor(from / 1000) && order.financialStatus === "PAID",
    );
    expect(nodes).toHaveLength(expected.length);
    expect(
      nodes.every((node) => node.displayFinancialStatus === "PAID" && node.createdAt >= isoDateTime(from)),
    ).toBe(true);
  });

  it("warns about unknown search fields in extensions.search", async () => {
    const body = await postGraphql(sandbox, `{ products(first: 1, query: "flavour:mint") { nodes { id } } }`);
    expect(body.extensions?.search).toEqual([
      {
        path: ["products"],
        query: "flavour:mint",
        warnings: [{ field: "flavour", message: "Invalid search field for this query." }],
      },
    ]);
  });
});
