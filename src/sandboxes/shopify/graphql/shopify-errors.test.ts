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

describe("API versions and deprecations", () => {
  const post = (version: string, query: string) =>
    fetch(`${approved.url}/admin/api/${version}/graphql.json`, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-Shopify-Access-Token": approved.accessToken },
      body: JSON.stringify({ query }),
    });

  it("serves the last four stable versions side by side and 404s any other", async () => {
    for (const version of ["2025-07", "2025-10", "2026-01", "2026-04"]) {
      const response = await post(version, "{ shop { name } }");
      expect(response.status, version).toBe(200);
      expect(response.headers.get("x-shopify-api-version")).toBe(version);
    }
    for (const version of ["2025-04", "2026-07", "unstable-ish"]) {
      expect((await post(version, "{ shop { name } }")).status, version).toBe(404);
    }
  });

  it("marks Customer.email deprecated and says so in a header when a query reads it", async () => {
    const old = await post("2026-04", "{ orders(first: 1) { nodes { customer { email } } } }");
    expect(old.headers.get("x-shopify-api-deprecated-reason")).toBe(
      "https://shopify.dev/api/usage/versioning#deprecation-practices",
    );
    const current = await post(
      "2026-04",
      "{ orders(first: 1) { nodes { customer { defaultEmailAddress { emailAddress } } } } }",
    );
    expect(current.headers.get("x-shopify-api-deprecated-reason")).toBeNull();
    const body = (await current.json()) as {
      data: { orders: { nodes: { customer: { defaultEmailAddress: { emailAddress: string } } | null }[] } };
    };
    const customer = body.data.orders.nodes[0]?.customer;
    if (customer) expect(customer.defaultEmailAddress.emailAddress).toContain("@");
  });
});
