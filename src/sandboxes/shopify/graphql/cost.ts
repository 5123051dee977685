import {
  type FieldNode,
  type FragmentDefinitionNode,
  GraphQLError,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  getArgumentValues,
  getNamedType,
  isAbstractType,
  isCompositeType,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from "graphql";
import { MAX_PAGE_SIZE, MUTATION_BASE_COST, MUTATION_COSTS } from "../constants.ts";

/**
 * Shopify's calculated query cost: scalars and enums 0, objects 1, connections 2 plus
 * ⌊2·ln(first)⌋ × the cost of one node (see connectionMultiplier), mutations a fixed cost per
 * root field. Edges and PageInfo are free.
 */
export function typeWeight(type: GraphQLNamedType): number {
  if (!isCompositeType(type)) return 0;
  if (type.name.endsWith("Connection")) return 2;
  if (type.name.endsWith("Edge") || type.name === "PageInfo") return 0;
  return 1;
}

/**
 * How many times a connection charges for one node. Shopify no longer charges `first` × node
 * (the documented rule): the figures measured on real stores (README, "Query cost") come out
 * exactly with ⌊2·ln(n)⌋, at least 1 for a non-empty page. Derived, not documented.
 */
export function connectionMultiplier(pageSize: number): number {
  if (pageSize <= 0) return 0;
  return Math.max(1, Math.floor(2 * Math.log(pageSize)));
}

export function isConnectionType(type: GraphQLNamedType): boolean {
  return type.name.endsWith("Connection");
}

export interface RequestedCost {
  readonly cost: number;
  /** Pagination arguments Shopify rejects before running anything. */
  readonly errors: GraphQLError[];
}

type Variables = Record<string, unknown>;

class CostWalker {
  readonly errors: GraphQLError[] = [];

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly fragments: ReadonlyMap<string, FragmentDefinitionNode>,
    private readonly variables: Variables,
  ) {}

  selectionSet(selectionSet: SelectionSetNode | undefined, parent: GraphQLNamedType): number {
    if (!selectionSet) return 0;
    let total = 0;
    // Fragments on different concrete types of an interface never apply together: take the costliest.
    const narrowed = new Map<string, number>();
    const addFragment = (typeName: string | undefined, set: SelectionSetNode) => {
      const target = typeName ? this.schema.getType(typeName) : parent;
      if (!target) return;
      const cost = this.selectionSet(set, target);
      if (target === parent || !isAbstractType(parent)) total += cost;
      else narrowed.set(target.name, (narrowed.get(target.name) ?? 0) + cost);
    };
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) total += this.field(selection, parent);
      else if (selection.kind === Kind.INLINE_FRAGMENT) {
        addFragment(selection.typeCondition?.name.value, selection.selectionSet);
      } else {
        const fragment = this.fragments.get(selection.name.value);
        if (fragment) addFragment(fragment.typeCondition.name.value, fragment.selectionSet);
      }
    }
    return total + Math.max(0, ...narrowed.values());
  }

  private field(node: FieldNode, parent: GraphQLNamedType): number {
    if (!isObjectType(parent) && !isAbstractType(parent)) return 0;
    if (node.name.value.startsWith("__")) return 0;
    const definition = "getFields" in parent ? parent.getFields()[node.name.value] : undefined;
    if (!definition) return 0;
    const type = getNamedType(definition.type);
    const weight = typeWeight(type);
    if (!isCompositeType(type)) return 0;
    const children = this.selectionSet(node.selectionSet, type);
    if (isConnectionType(type)) {
      return weight + connectionMultiplier(this.pageSize(node, definition)) * children;
    }
    return (weight + children) * this.multiplier(node, definition);
  }

  private args(node: FieldNode, definition: GraphQLField<unknown, unknown>): Record<string, unknown> {
    try {
      return getArgumentValues(definition, node, this.variables);
    } catch {
      return {};
    }
  }

  private pageSize(node: FieldNode, definition: GraphQLField<unknown, unknown>): number {
    const args = this.args(node, definition);
    const first = typeof args.first === "number" ? args.first : null;
    const last = typeof args.last === "number" ? args.last : null;
    const size = first ?? last;
    const fail = (message: string) =>
      this.errors.push(new GraphQLError(message, { nodes: [node], extensions: { code: "BAD_REQUEST" } }));
    if (size === null) {
      fail("you must provide one of first or last");
      return 0;
    }
    if (size > MAX_PAGE_SIZE || size < 0) {
      const argument = first !== null ? "first" : "last";
      fail(
        `The ${argument} argument must be between 0 and ${MAX_PAGE_SIZE} (was ${size}) on ${node.name.value}.`,
      );
      return size;
    }
    return size;
  }

  /** Plain lists count once per requested element when the size is known (`first:`, `ids:`). */
  private multiplier(node: FieldNode, definition: GraphQLField<unknown, unknown>): number {
    const args = this.args(node, definition);
    if (typeof args.first === "number") return Math.max(1, args.first);
    if (Array.isArray(args.ids)) return Math.max(1, args.ids.length);
    return 1;
  }
}

export function requestedQueryCost(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  variables: Variables,
): RequestedCost {
  const walker = new CostWalker(schema, fragments, variables);
  if (operation.operation === "mutation") {
    const fields = operation.selectionSet.selections.filter((selection) => selection.kind === Kind.FIELD);
    const cost = fields.reduce(
      (sum, field) => sum + (MUTATION_COSTS[field.name.value] ?? MUTATION_BASE_COST),
      0,
    );
    return { cost, errors: [] };
  }
  const root = schema.getQueryType();
  if (!root) return { cost: 0, errors: [] };
  const cost = walker.selectionSet(operation.selectionSet, root);
  return { cost, errors: walker.errors };
}
