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

  it("sizes connections as 2 + first × the cost of one node, with edges and pageInfo free", () => {
    expect(
      cost("{ products(first: 10) { edges { cursor node { id title } } pageInfo { hasNextPage } } }").cost,
    ).toBe(12);
    expect(cost("{ products(last: 3) { nodes { id } } }").cost).toBe(5);
  });

  it("multiplies nested connections", () => {
    const query = "{ products(first: 10) { nodes { id variants(first: 5) { nodes { sku } } } } }";
    expect(cost(query).cost).toBe(2 + 10 * (1 + 2 + 5));
  });

  it("reads page sizes from variables", () => {
    expect(cost("query($n: Int!) { orders(first: $n) { nodes { id } } }", { n: 50 }).cost).toBe(52);
  });

  it("takes the costliest of fragments on different types of an interface", () => {
    const query = `{ node(id: "gid://shopify/Product/1") {
      id
      ... on Product { title variants(first: 3) { nodes { id } } }
      ...OrderName
    } }
    fragment OrderName on Order { name customer { id } }`;
    expect(cost(query).cost).toBe(1 + 5);
  });

  it("charges a flat 10 per mutation field", () => {
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
