/**
 * The events a custom alert may watch and the fields each carries (what the producing modules put
 * in the payload). Conditions and templates are checked against these lists on save.
 */
export const alertEvents = {
  "order.imported": [
    "orderId",
    "orderNumber",
    "connectionId",
    "totalMinor",
    "currency",
    "placedAt",
    "customerEmail",
    "lines",
    "backordered",
  ],
  "order.backordered": [
    "orderId",
    "orderNumber",
    "connectionId",
    "totalMinor",
    "currency",
    "placedAt",
    "customerEmail",
    "lines",
    "backordered",
  ],
  "order.status_changed": [
    "orderId",
    "from",
    "status",
    "by",
    "connectionId",
    "channelStatus",
    "financialStatus",
  ],
  "refund.recorded": [
    "orderId",
    "orderNumber",
    "refundId",
    "connectionId",
    "amountMinor",
    "currency",
    "lines",
  ],
  "shipment.created": ["orderId", "shipmentId", "connectionId", "carrier", "trackingNumber", "trackingUrl"],
  "stock.changed": [
    "sku",
    "productId",
    "warehouseId",
    "reason",
    "onHandDelta",
    "reservedDelta",
    "onHand",
    "reserved",
    "available",
    "idempotencyKey",
  ],
  "stock.oversold": [
    "sku",
    "productId",
    "warehouseId",
    "reason",
    "onHandDelta",
    "reservedDelta",
    "onHand",
    "reserved",
    "available",
    "idempotencyKey",
  ],
  "feed_run.finished": ["runId", "connectionId", "feedKind", "trigger", "status", "counts", "error"],
  "sync.error": ["issueId", "connectionId", "feedKind", "subjectType", "subjectId", "code", "message"],
  "product.imported": ["productId", "sku", "source"],
  "product.updated": ["productId", "sku", "source"],
} as const satisfies Record<string, readonly string[]>;

export type AlertEventType = keyof typeof alertEvents;
export const alertEventTypes = Object.keys(alertEvents) as AlertEventType[];

/** Operations whose later arguments run per element, where `var` names the element's fields. */
const ITERATING = new Set(["some", "all", "none", "map", "filter", "reduce"]);

/** Every `{"var": "a.b"}` in a json-logic expression, as its top-level field name. */
export function logicVars(logic: unknown): string[] {
  if (Array.isArray(logic)) return logic.flatMap(logicVars);
  if (logic === null || typeof logic !== "object") return [];
  const out: string[] = [];
  for (const [op, arg] of Object.entries(logic)) {
    if (op === "var") {
      const name = Array.isArray(arg) ? arg[0] : arg;
      if (typeof name === "string" && name !== "") out.push(name.split(".")[0]!);
      else if (typeof name === "number") out.push(String(name));
    } else if (ITERATING.has(op) && Array.isArray(arg)) out.push(...logicVars(arg[0]));
    else out.push(...logicVars(arg));
  }
  return out;
}
