import { faults, QboFault } from "./faults.ts";
import { ENTITY_KINDS, type KindContext } from "./kinds/index.ts";
import { createEntity, postEntity } from "./operations.ts";
import { executeQuery } from "./query-exec.ts";
import { parseQuery } from "./query-parser.ts";
import { ENTITY_NAMES, isRecord } from "./types.ts";

function runItem(
  ctx: KindContext & { hidden: Set<string> },
  item: Record<string, unknown>,
): Record<string, unknown> {
  if (typeof item.Query === "string")
    return { QueryResponse: executeQuery(parseQuery(item.Query), ctx.store).QueryResponse };
  const name = ENTITY_NAMES.find((entity) => isRecord(item[entity]));
  if (!name) throw faults.requiredParam("BatchItemRequest.<Entity>");
  const kind = ENTITY_KINDS[name];
  const operation = typeof item.operation === "string" ? item.operation.toLowerCase() : "create";
  if (operation === "create") {
    const created = createEntity(ctx, kind, item[name]);
    ctx.hidden.add(`${name}:${created.Id}`);
    return { [name]: created };
  }
  return { [name]: postEntity(ctx, kind, item[name], operation, undefined) };
}

/**
 * `POST /batch`: items run one after another, each answering with its entity or its own Fault.
 * Later items do not see rows created earlier in the same batch (Intuit's batch documentation).
 */
export function executeBatch(
  base: KindContext,
  body: unknown,
  maxItems: number,
): { BatchItemResponse: unknown[] } {
  const items = isRecord(body) ? body.BatchItemRequest : undefined;
  if (!Array.isArray(items)) throw faults.requiredParam("BatchItemRequest");
  if (items.length > maxItems) {
    throw new QboFault(400, "ValidationFault", [
      {
        Message: "Request has invalid or unsupported property",
        Detail: `BatchItemRequest has ${items.length} items; at most ${maxItems} are allowed in one batch request.`,
        code: "2010",
        element: "BatchItemRequest",
      },
    ]);
  }
  const ctx = { ...base, hidden: new Set<string>() };
  const BatchItemResponse = items.map((item: unknown) => {
    const bId = isRecord(item) && typeof item.bId === "string" ? item.bId : undefined;
    try {
      if (!isRecord(item) || bId === undefined) throw faults.requiredParam("bId");
      return { bId, ...runItem(ctx, item) };
    } catch (error) {
      if (!(error instanceof QboFault)) throw error;
      return { ...(bId === undefined ? {} : { bId }), Fault: error.toFault() };
    }
  });
  return { BatchItemResponse };
}
