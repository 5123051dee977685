import {
  GraphQLError,
  type GraphQLObjectType,
  getArgumentValues,
  Kind,
  type OperationDefinitionNode,
} from "graphql";
import { MAX_INPUT_ARRAY_SIZE } from "../constants.ts";

function findOversized(
  value: unknown,
  path: (string | number)[],
): { size: number; path: (string | number)[] } | null {
  if (Array.isArray(value)) {
    if (value.length > MAX_INPUT_ARRAY_SIZE) return { size: value.length, path };
    for (const [index, element] of value.entries()) {
      const found = findOversized(element, [...path, index]);
      if (found) return found;
    }
    return null;
  }
  if (typeof value === "object" && value !== null) {
    for (const [key, element] of Object.entries(value)) {
      const found = findOversized(element, [...path, key]);
      if (found) return found;
    }
  }
  return null;
}

/** Shopify caps every input array at 250 elements and rejects the whole request past that. */
export function inputArrayErrors(
  root: GraphQLObjectType,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
): GraphQLError[] {
  const errors: GraphQLError[] = [];
  for (const selection of operation.selectionSet.selections) {
    if (selection.kind !== Kind.FIELD) continue;
    const definition = root.getFields()[selection.name.value];
    if (!definition) continue;
    let args: Record<string, unknown>;
    try {
      args = getArgumentValues(definition, selection, variables);
    } catch {
      continue;
    }
    const found = findOversized(args, [selection.name.value]);
    if (!found) continue;
    const message = `The input array size of ${found.size} is greater than the maximum allowed of ${MAX_INPUT_ARRAY_SIZE}.`;
    errors.push(
      new GraphQLError(message, {
        nodes: [selection],
        path: found.path,
        extensions: { code: "MAX_INPUT_SIZE_EXCEEDED" },
      }),
    );
  }
  return errors;
}
