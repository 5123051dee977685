import { type FragmentDefinitionNode, Kind, type OperationDefinitionNode, parse } from "graphql";
import { describe, expect, it } from "vitest";
import { requestedQueryCost } from "../../sandboxes/shopify/graphql/cost.ts";
import { createSchema } from "../../sandboxes/shopify/graphql/schema.ts";
import { estimateCost, largestPage } from "./cost.ts";
import { MAX_ORDER_PAGE, ORDER_PAGE_COST_BUDGET } from "./orders.ts";
import { ORDERS_QUERY, VARIANTS_QUERY } from "./queries.ts";

const schema = createSchema();

/** The cost the sandbox (which reproduces the figures measured on real stores) charges. */
function charged(query: string, variables: Record<string, unknown>): number {
  const document = parse(query);
  const operation = document.definitions.find(
    (d) => d.kind === Kind.OPERATION_DEFINITION,
  ) as OperationDefinitionNode;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions)
    if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  return requestedQueryCost(schema, operation, fragments, variables).cost;
}

describe("estimated query cost", () => {
  it("estimates what the platform charges for the feeds' queries", () => {
    const orders = { first: MAX_ORDER_PAGE, lines: 20, refunds: 3, refundLines: 10 };
    expect(estimateCost(ORDERS_QUERY, orders)).toBe(charged(ORDERS_QUERY, orders));
    expect(estimateCost(VARIANTS_QUERY, { first: 250 })).toBe(charged(VARIANTS_QUERY, { first: 250 }));
  });

  it("fills order pages with tens of orders, well under the single-query max", () => {
    expect(MAX_ORDER_PAGE).toBeGreaterThanOrEqual(50);
    const cost = estimateCost(ORDERS_QUERY, {
      first: MAX_ORDER_PAGE,
      lines: 20,
      refunds: 3,
      refundLines: 10,
    });
    expect(cost).toBeLessThanOrEqual(ORDER_PAGE_COST_BUDGET);
    expect(cost).toBeLessThan(1000);
  });

  it("finds the largest page within a budget although cost is not linear in the page size", () => {
    const query = "query($first: Int!) { products(first: $first) { nodes { id } } }";
    // 2 + ⌊2·ln n⌋: 11 points hold up to 148 products (⌊2·ln 149⌋ = 10), 13 points 250
    expect(largestPage(query, {}, "first", 11)).toBe(148);
    expect(largestPage(query, {}, "first", 13)).toBe(250);
  });

  it("charges measured mutation costs", () => {
    expect(estimateCost("mutation { refundCreate(input: {}) { refund { id } } }")).toBe(20);
    expect(estimateCost("mutation { inventorySetQuantities(input: {}) { userErrors { message } } }")).toBe(
      11,
    );
  });
});
