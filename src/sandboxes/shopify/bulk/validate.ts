import {
  type DocumentNode,
  type GraphQLNamedType,
  type GraphQLSchema,
  getNamedType,
  isInterfaceType,
  isObjectType,
  Kind,
  type SelectionSetNode,
} from "graphql";
import { isConnectionType } from "../graphql/cost.ts";

const MAX_CONNECTIONS = 5;
const MAX_DEPTH = 2;

/** Shopify's bulk query rules: a query, rooted in a connection, ≤ 5 connections, nested ≤ 2 deep. */
export function bulkQueryProblem(schema: GraphQLSchema, document: DocumentNode): string | null {
  const operations = document.definitions.filter(
    (definition) => definition.kind === Kind.OPERATION_DEFINITION,
  );
  const operation = operations[0];
  if (operations.length !== 1 || !operation || operation.operation !== "query") {
    return "Bulk operations must contain exactly one query operation.";
  }
  const root = schema.getQueryType();
  const top = operation.selectionSet.selections.filter((selection) => selection.kind === Kind.FIELD);
  const topField = top[0];
  const definition = topField && root ? root.getFields()[topField.name.value] : undefined;
  if (top.length !== 1 || !definition || !isConnectionType(getNamedType(definition.type))) {
    return "Bulk queries must contain exactly one top-level connection field.";
  }
  let connections = 0;
  let deepest = 0;
  const walk = (set: SelectionSetNode | undefined, parent: GraphQLNamedType, depth: number) => {
    if (!set || !(isObjectType(parent) || isInterfaceType(parent))) return;
    for (const selection of set.selections) {
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        const target = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
        if (target) walk(selection.selectionSet, target, depth);
        continue;
      }
      if (selection.kind !== Kind.FIELD) continue;
      const field = parent.getFields()[selection.name.value];
      if (!field) continue;
      const type = getNamedType(field.type);
      const isConnection = isConnectionType(type);
      if (isConnection) {
        connections += 1;
        deepest = Math.max(deepest, depth);
      }
      walk(selection.selectionSet, type, isConnection ? depth + 1 : depth);
    }
  };
  if (root) walk(operation.selectionSet, root, 0);
  if (connections > MAX_CONNECTIONS)
    return `Bulk queries cannot contain more than ${MAX_CONNECTIONS} connections.`;
  if (deepest > MAX_DEPTH)
    return `Bulk queries cannot contain connections with a nesting depth greater than ${MAX_DEPTH}.`;
  return null;
}
