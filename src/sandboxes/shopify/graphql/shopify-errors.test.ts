import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ShopifySandbox, startShopifySandbox } from "../index.ts";
import { postGraphql } from "../test-client.ts";

let approved: ShopifySandbox;
let unapproved: ShopifySandbox;

beforeAll(async () => {
  [approved, unapproved] = await Promise.all([
    startShopifySandbox({ seed: 11, products: 3, orders: 4 }),
    startShopifySandbox({ seed: 11, products: 3, orders: 4, protectedCustomerData: false }),
  ]);
});
afterAll(() => Promise.all([approved.close(), unapproved.close()]));

describe("errors shaped as Shopify's", () => {
  it("names an unknown field the way graphql-ruby does, with its path from the operation", async () => {
    const body = await postGraphql(approved, "query Probe { shop { name nope } }");
    expect(body.errors).toEqual([
      {
        message: "Field 'nope' doesn't exist on type 'Shop'",
        locations: [{ line: 1, column: 27 }],
        path: ["query Probe", "shop", "nope"],
        extensions: { code: "undefinedField", typeName: "Shop", fieldName: "nope" },
      },
    ]);
    const root = await postGraphql(approved, "{ shopp { name } }");
    expect(root.errors?.[0]).toMatchObject({
      message: "Field 'shopp' doesn't exist on type 'QueryRoot'",
      path: ["query", "shopp"],
      extensions: { code: "undefinedField", typeName: "QueryRoot", fieldName: "shopp" },
    });
  });

  it("calls the root types QueryRoot and Mutation", async () => {
    const body = await postGraphql<{
      __schema: { queryType: { name: string }; mutationType: { name: string } };
    }>(approved, "{ __schema { queryType { name } mutationType { name } } }");
    expect(body.data?.__schema).toEqual({
      queryType: { name: "QueryRoot" },
      mutationType: { name: "Mutation" },
    });
  });
});

describe("protected customer data without approval", () => {
  const query = `{ orders(first: 4) { nodes { name email customer { id } shippingAddress { city } } } }`;

  it("answers with the orders, protected fields null, and one ACCESS_DENIED error per field", async () => {
    const open = await postGraphql<{ orders: { nodes: { customer: unknown }[] } }>(approved, query);
    expect(open.errors).toBeUndefined();
    expect(open.data?.orders.nodes.some((order) => order.customer !== null)).toBe(true);

    const body = await postGraphql<{ orders: { nodes: Record<string, unknown>[] } }>(unapproved, query);
    const nodes = body.data?.orders.nodes ?? [];
    expect(nodes).toHaveLength(4);
    for (const order of nodes) {
      expect(order).toMatchObject({ email: null, customer: null, shippingAddress: null });
      expect(order.name).toMatch(/^#/);
    }
    const denied = body.errors ?? [];
    expect(denied).toHaveLength(12);
    expect(denied[0]).toMatchObject({
      message: "Access denied for email field.",
      path: ["orders", "nodes", 0, "email"],
      extensions: { code: "ACCESS_DENIED" },
    });
  });
});
