import {
  type DocumentNode,
  type FragmentDefinitionNode,
  Kind,
  type OperationDefinitionNode,
  parse,
  type SelectionSetNode,
  type ValueNode,
} from "graphql";

/**
 * Shopify's requested query cost, estimated before sending so the rate budget can be taken up
 * front: scalars 0, objects 1, connections 2 + ⌊2·ln(first)⌋ × one node (the rule that reproduces
 * the costs measured on real stores, issue 19 — Shopify's documented "2 + first" overstates them
 * many times over), lists with `first`/`ids` that many times, mutations 10 per root field except
 * those measured dearer. `edges` and `pageInfo` are free.
 * The estimate needs no schema: a field with a sub-selection is an object, and one with a page
 * size whose selection holds `nodes`/`edges`/`pageInfo` is a connection. The response's
 * `requestedQueryCost`/`actualQueryCost` settle the difference afterwards.
 */

const MUTATION_COST = 10;
const MEASURED_MUTATION_COSTS: Readonly<Record<string, number>> = {
  inventorySetQuantities: 11,
  inventoryAdjustQuantities: 11,
  refundCreate: 20,
  fulfillmentTrackingInfoUpdate: 50,
};

/** How many times a connection of `size` nodes charges for one node. */
export function connectionMultiplier(size: number): number {
  if (size <= 0) return 0;
  return Math.max(1, Math.floor(2 * Math.log(size)));
}
const FREE_WRAPPERS = new Set(["edges", "pageInfo"]);
const CONNECTION_MARKERS = new Set(["nodes", "edges", "pageInfo"]);

type Variables = Record<string, unknown>;
const parsed = new Map<string, DocumentNode>();

function documentOf(query: string): DocumentNode {
  let document = parsed.get(query);
  if (!document) {
    document = parse(query);
    parsed.set(query, document);
  }
  return document;
}

function argumentValue(node: ValueNode, variables: Variables): unknown {
  if (node.kind === Kind.VARIABLE) return variables[node.name.value];
  if (node.kind === Kind.INT) return Number(node.value);
  if (node.kind === Kind.LIST) return node.values.map((value) => argumentValue(value, variables));
  return undefined;
}

class Estimator {
  constructor(
    private readonly fragments: Map<string, FragmentDefinitionNode>,
    private readonly variables: Variables,
  ) {}

  selection(set: SelectionSetNode | undefined): number {
    if (!set) return 0;
    let total = 0;
    for (const selection of set.selections) {
      if (selection.kind === Kind.INLINE_FRAGMENT) total += this.selection(selection.selectionSet);
      else if (selection.kind === Kind.FRAGMENT_SPREAD) {
        total += this.selection(this.fragments.get(selection.name.value)?.selectionSet);
      } else if (selection.selectionSet) {
        const args = new Map(
          (selection.arguments ?? []).map((arg) => [
            arg.name.value,
            argumentValue(arg.value, this.variables),
          ]),
        );
        const children = this.selection(selection.selectionSet);
        const size = [args.get("first"), args.get("last")].find((value) => typeof value === "number");
        const ids = args.get("ids");
        if (typeof size === "number" && this.isConnection(selection.selectionSet))
          total += 2 + connectionMultiplier(size) * children;
        else if (FREE_WRAPPERS.has(selection.name.value)) total += children;
        else if (typeof size === "number") total += Math.max(1, size) * (1 + children);
        else if (Array.isArray(ids)) total += Math.max(1, ids.length) * (1 + children);
        else total += 1 + children;
      }
    }
    return total;
  }

  private isConnection(set: SelectionSetNode): boolean {
    return set.selections.some(
      (selection) => selection.kind === Kind.FIELD && CONNECTION_MARKERS.has(selection.name.value),
    );
  }
}

export function estimateCost(query: string, variables: Variables = {}): number {
  const document = documentOf(query);
  const fragments = new Map<string, FragmentDefinitionNode>();
  let operation: OperationDefinitionNode | undefined;
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    else if (definition.kind === Kind.OPERATION_DEFINITION) operation ??= definition;
  }
  if (!operation) return 1;
  if (operation.operation === "mutation") {
    return operation.selectionSet.selections.reduce(
      (sum, s) =>
        s.kind === Kind.FIELD ? sum + (MEASURED_MUTATION_COSTS[s.name.value] ?? MUTATION_COST) : sum,
      0,
    );
  }
  return Math.max(1, new Estimator(fragments, variables).selection(operation.selectionSet));
}

/**
 * The largest value of `variable` (a page size, at most `max`) that keeps the query's estimated
 * cost within `limit`. Cost grows with the page size but not linearly, so search for it.
 */
export function largestPage(
  query: string,
  variables: Variables,
  variable: string,
  limit: number,
  max = 250,
): number {
  const fits = (size: number) => estimateCost(query, { ...variables, [variable]: size }) <= limit;
  let low = 1;
  let high = max;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (fits(middle)) low = middle;
    else high = middle - 1;
  }
  return low;
}
