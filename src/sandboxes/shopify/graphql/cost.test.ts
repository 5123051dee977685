import { type FragmentDefinitionNode, Kind, type OperationDefinitionNode, parse } from "graphql";
import { describe, expect, it } from "vitest";
import { requestedQueryCost } from "./cost.ts";
import { createSchema } from "./schema.ts";

const schema = createSchema();

function cost(query: string, variables: Record<string, unknown> = {}) {
  const document = parse(query);
  const operation = document.definitions.find(
    (d) => d.kind === Kind.OPERATION_DEFINITION,
  ) as OperationDefinitionNode;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  return requestedQueryCost(schema, operation, fragments, variables);
}

describe("requested query cost", () => {
  it("charges 1 per object and nothing for scalars", () => {
    expect(cost("{ shop { name currencyCode } }").cost).toBe(1);
    expect(
      cost('{ order(id: "gid://shopify/Order/1") { name totalPriceSet { shopMoney { amount } } } }').cost,
    ).toBe(3);
  });

  it("sizes connections as 2 + ⌊2·ln(first)⌋ × the cost of one node, with edges and pageInfo free", () => {
    expect(
      cost("{ products(first: 10) { edges { cursor node { id title } } pageInfo { hasNextPage } } }").cost,
    ).toBe(2 + 4);
    expect(cost("{ products(last: 3) { nodes { id } } }").cost).toBe(2 + 2);
    expect(cost("{ products(first: 1) { nodes { id } } }").cost).toBe(3);
  });

  it("multiplies nested connections", () => {
    const query = "{ products(first: 10) { nodes { id variants(first: 5) { nodes { sku } } } } }";
    expect(cost(query).cost).toBe(2 + 4 * (1 + 2 + 3));
  });

  it("reads page sizes from variables", () => {
    expect(cost("query($n: Int!) { orders(first: $n) { nodes { id } } }", { n: 50 }).cost).toBe(9);
  });

  // The figures measured on real stores (issue 19); the issue records costs, not selections, so
  // each query here is a plausible selection of that shape. The sandbox's old figure is in the name.
  it.each([
    ["locations(first:100) (old 202)", "{ locations(first: 100) { nodes { id name } } }", 11],
    ["locations(first:250) (old 252)", "{ locations(first: 250) { nodes { id name } } }", 13],
    [
      "webhookSubscriptions(first:50) (old 52)",
      "{ webhookSubscriptions(first: 50) { nodes { id topic } } }",
      9,
    ],
    ["products(first:50) (old 52)", "{ products(first: 50) { edges { node { id title } } } }", 9],
    [
      "products(first:50){variants(first:100)} (old 5,202)",
      `{ products(first: 50) { nodes { id variantsCount { count } mediaCount { count } featuredMedia { id }
          variants(first: 100) { nodes { id sku } } } } }`,
      107,
    ],
    [
      "orders(first:250){lineItems(first:250)} (old 315,002)",
      `{ orders(first: 250) { nodes { id totalPriceSet { shopMoney { amount } } customer { id }
          lineItems(first: 250) { nodes { id sku } } } } }`,
      189,
    ],
  ])("reproduces the measured cost of %s", (_name, query, expected) => {
    expect(cost(query).cost).toBe(expected);
  });

  it.each([
    ["inventorySetQuantities", 11],
    ["inventoryAdjustQuantities", 11],
    ["refundCreate", 20],
    ["fulfillmentTrackingInfoUpdate", 50],
  ])("charges %s what real stores charge (%i)", (mutation, expected) => {
    expect(cost(`mutation { ${mutation}(input: {}) { userErrors { message } } }`).cost).toBe(expected);
  });

  it("takes the costliest of fragments on different types of an interface", () => {
    const query = `{ node(id: "gid://shopify/Product/1") {
      id
      ... on Product { title variants(first: 3) { nodes { id } } }
      ...OrderName
    } }
    fragment OrderName on Order { name customer { id } }`;
    expect(cost(query).cost).toBe(1 + (2 + 2));
  });

  it("charges 10 for a mutation without a measured cost", () => {
    const mutation = `mutation { webhookSubscriptionDelete(id: "gid://shopify/WebhookSubscription/1") { userErrors { message } } }`;
    expect(cost(mutation).cost).toBe(10);
  });

  it("rejects connections without first/last or with more than 250", () => {
    expect(cost("{ products { nodes { id } } }").errors[0]?.message).toBe(
      "you must provide one of first or last",
    );
    expect(cost("{ products(first: 251) { nodes { id } } }").errors[0]?.message).toMatch(/between 0 and 250/);
    expect(cost("{ products(first: 250) { nodes { id } } }").errors).toEqual([]);
  });
});
