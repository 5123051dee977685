import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ShopifySandbox, startShopifySandbox } from "../index.ts";
import { postGraphql } from "../test-client.ts";

let sandbox: ShopifySandbox;

beforeAll(async () => {
  sandbox = await startShopifySandbox({ seed: 41, products: 1200, orders: 0 });
});
afterAll(() => sandbox.close());

const RUN = `mutation($query: String!) { bulkOperationRunQuery(query: $query) {
  bulkOperation { id status } userErrors { field message code } } }`;

interface Operation {
  id: string;
  status: string;
  objectCount: string;
  rootObjectCount: string;
  url: string | null;
}

describe("bulk query operations", () => {
  it("runs the inner query in the background and serves JSONL with __parentId lines", async () => {
    const inner = `{ products { edges { node { id title variants { edges { node { id sku inventoryItem { id } } } } } } } }`;
    const started = await postGraphql<{
      bulkOperationRunQuery: { bulkOperation: Operation; userErrors: unknown[] };
    }>(sandbox, RUN, { query: inner });
    expect(started.data?.bulkOperationRunQuery.userErrors).toEqual([]);
    expect(started.data?.bulkOperationRunQuery.bulkOperation.status).toBe("CREATED");
    expect(started.extensions?.cost.requestedQueryCost).toBe(10);

    await sandbox.control.waitForBulkOperations();
    const polled = await postGraphql<{ currentBulkOperation: Operation; node: Operation }>(
      sandbox,
      `query($id: ID!) {
        currentBulkOperation { id status objectCount rootObjectCount url }
        node(id: $id) { ... on BulkOperation { id status objectCount url } }
      }`,
      { id: started.data?.bulkOperationRunQuery.bulkOperation.id },
    );
    const operation = polled.data?.currentBulkOperation as Operation;
    expect(operation.status).toBe("COMPLETED");
    expect(polled.data?.node).toMatchObject({ id: operation.id, status: "COMPLETED", url: operation.url });
    const variants = sandbox.store.variants.length;
    expect(Number(operation.rootObjectCount)).toBe(1200);
    expect(Number(operation.objectCount)).toBe(1200 + variants);

    const response = await fetch(operation.url as string);
    const lines = (await response.text())
      .trimEnd()
      .split("\n")
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toHaveLength(1200 + variants);
    const [product, firstVariant] = lines;
    expect(product).toMatchObject({ id: "gid://shopify/Product/8000000000001" });
    expect(product).not.toHaveProperty("variants");
    expect(firstVariant).toMatchObject({
      __parentId: product?.id,
      inventoryItem: { id: expect.any(String) },
    });
    expect(String(firstVariant?.sku)).toMatch(/^SKU-00001-[A-Z]{3}-[A-Z]+$/);
    expect(lines.filter((line) => line.__parentId === undefined)).toHaveLength(1200);
  });

  it("rejects inner queries that are not a connection-rooted query", async () => {
    const body = await postGraphql<{
      bulkOperationRunQuery: { bulkOperation: null; userErrors: { code: string }[] };
    }>(sandbox, RUN, { query: "{ shop { name } }" });
    expect(body.data?.bulkOperationRunQuery.bulkOperation).toBeNull();
    expect(body.data?.bulkOperationRunQuery.userErrors[0]?.code).toBe("INVALID");
  });
});
