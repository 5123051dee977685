import {
  GraphQLError,
  type GraphQLResolveInfo,
  type GraphQLSchema,
  getDirectiveValues,
  Kind,
  type OperationDefinitionNode,
} from "graphql";

/**
 * From 2026-04 these mutations fail at runtime without `@idempotent(key:)` (changelog
 * "Making idempotency mandatory for inventory adjustments and refund mutations").
 * inventorySetQuantities is protected by compare-and-set instead and only supports the key.
 */
export const IDEMPOTENCY_REQUIRED: ReadonlySet<string> = new Set([
  "refundCreate",
  "inventoryAdjustQuantities",
]);

export const IDEMPOTENCY_MISSING_MESSAGE =
  "The @idempotent directive is required for this mutation but was not provided.";

/** Top-level errors for required-idempotency mutations sent without a key; nothing runs when any are found. */
export function missingIdempotencyErrors(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
): GraphQLError[] {
  if (operation.operation !== "mutation") return [];
  const directive = schema.getDirective("idempotent");
  const errors: GraphQLError[] = [];
  for (const selection of operation.selectionSet.selections) {
    if (selection.kind !== Kind.FIELD || !IDEMPOTENCY_REQUIRED.has(selection.name.value)) continue;
    const values = directive ? getDirectiveValues(directive, selection, variables) : undefined;
    if (typeof values?.key === "string" && values.key !== "") continue;
    errors.push(
      new GraphQLError(IDEMPOTENCY_MISSING_MESSAGE, {
        nodes: [selection],
        path: [selection.alias?.value ?? selection.name.value],
        extensions: { code: "BAD_REQUEST" },
      }),
    );
  }
  return errors;
}

export function idempotencyKeyOf(info: GraphQLResolveInfo): string | null {
  const directive = info.schema.getDirective("idempotent");
  const node = info.fieldNodes[0];
  if (!directive || !node) return null;
  const values = getDirectiveValues(directive, node, info.variableValues);
  return typeof values?.key === "string" && values.key !== "" ? values.key : null;
}

/** Remembers the first result per (mutation, key) and replays it for retries with the same arguments. */
export class IdempotencyStore {
  private readonly entries = new Map<string, { fingerprint: string; result: unknown }>();

  run<T>(mutation: string, key: string | null, args: unknown, execute: () => T, onMismatch: () => T): T {
    if (key === null) return execute();
    const slot = `${mutation}:${key}`;
    const fingerprint = JSON.stringify(args);
    const previous = this.entries.get(slot);
    if (previous) return previous.fingerprint === fingerprint ? (previous.result as T) : onMismatch();
    const result = execute();
    this.entries.set(slot, { fingerprint, result });
    return result;
  }

  clear(): void {
    this.entries.clear();
  }
}
