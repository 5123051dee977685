import { randomUUID } from "node:crypto";

/** A JSON schema as the OpenAPI document spells it, only the parts that lead to nested values. */
export type JsonSchema = {
  type?: string;
  format?: string;
  properties?: Record<string, JsonSchema>;
  additionalProperties?: JsonSchema | boolean;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
};

/**
 * Where every uuid sits in a schema: `settings.locationWarehouses.*` for a map's values,
 * `connections[].connectionId` for an array's elements.
 */
export function uuidPaths(schema: JsonSchema | undefined, path = ""): string[] {
  if (!schema) return [];
  if (schema.format === "uuid") return [path];
  const found: string[] = [];
  for (const [name, child] of Object.entries(schema.properties ?? {})) {
    found.push(...uuidPaths(child, path ? `${path}.${name}` : name));
  }
  if (typeof schema.additionalProperties === "object") {
    found.push(...uuidPaths(schema.additionalProperties, `${path}.*`));
  }
  if (schema.items) found.push(...uuidPaths(schema.items, `${path}[]`));
  for (const branch of [...(schema.anyOf ?? []), ...(schema.oneOf ?? [])])
    found.push(...uuidPaths(branch, path));
  return [...new Set(found)];
}

/** The collection an id field points into, by the field's name; a new name must be added here. */
const collectionOfField: Record<string, string> = {
  warehouseId: "warehouses.id",
  fromWarehouseId: "warehouses.id",
  toWarehouseId: "warehouses.id",
  locationWarehouses: "warehouses.id",
  connectionId: "connections.id",
  booksConnectionId: "connections.id",
  channelConnectionId: "connections.id",
  webhookIds: "notification-webhooks.id",
  supplierId: "suppliers.id",
  productId: "products.id",
};

export function collectionOf(path: string): string | undefined {
  const field = path
    .replace(/(\[\]|\.\*)+$/, "")
    .split(/[.[]/)
    .at(-1)!;
  return collectionOfField[field];
}

/** A copy of `body` with the value(s) at `path` replaced; the path must exist in the body. */
export function replaceAt(body: unknown, path: string, value: string): unknown {
  const copy = structuredClone(body);
  const steps = path.split(/\.|(?=\[\])/).filter(Boolean);
  const apply = (node: unknown, at: number): void => {
    const step = steps[at]!;
    if (step === "*" || step === "[]") {
      const container = node as Record<string, unknown>;
      const keys = Object.keys(container);
      if (keys.length === 0) throw new Error(`body has nothing at ${path}`);
      for (const k of keys) set(container, k, at);
      return;
    }
    const object = node as Record<string, unknown>;
    if (!(step in object)) throw new Error(`body has no ${step} for ${path}`);
    set(object, step, at);
  };
  const set = (container: Record<string, unknown>, key: string, at: number): void => {
    if (at === steps.length - 1) container[key] = value;
    else apply(container[key], at + 1);
  };
  apply(copy, 0);
  return copy;
}

type Ids = Record<string, string>;

/**
 * A body each write accepts from account A, with every id field filled from A's fixtures. Keyed
 * `METHOD path` as in the OpenAPI document; a route with an id in its body needs an entry here.
 */
export const bodiesWithIds: Record<string, (ids: Ids) => unknown> = {
  "POST /api/v1/stock/adjustments": (ids) => ({
    sku: ids["products.sku"],
    delta: 1,
    warehouseId: ids["warehouses.id"],
    idempotencyKey: randomUUID(),
  }),
  "POST /api/v1/stock/transfers": (ids) => ({
    sku: ids["products.sku"],
    fromWarehouseId: ids["warehouses.default"],
    toWarehouseId: ids["warehouses.id"],
    quantity: 1,
    idempotencyKey: randomUUID(),
  }),
  "POST /api/v1/orders": (ids) => ({
    connectionId: ids["connections.id"],
    warehouseId: ids["warehouses.id"],
    platformOrderId: randomUUID(),
    placedAt: new Date().toISOString(),
    currency: "USD",
    lines: [{ sku: ids["products.sku"], quantity: 1, unitPriceMinor: 100 }],
  }),
  "POST /api/v1/connections": (ids) => ({
    platform: "test",
    name: "walk",
    credentials: { token: "good-token" },
    settings: { locationWarehouses: { "loc-1": ids["warehouses.id"] } },
    onboarding: false,
  }),
  "PATCH /api/v1/connections/{id}": (ids) => ({
    settings: { locationWarehouses: { "loc-1": ids["warehouses.id"] } },
  }),
  "PUT /api/v1/inventory-source": (ids) => ({
    source: "books",
    connectionId: ids["connections.id"],
    warehouseId: ids["warehouses.id"],
  }),
  "POST /api/v1/notifications/read-all": (ids) => ({ connectionId: ids["connections.id"] }),
  "PUT /api/v1/notification-settings": (ids) => ({
    connections: [{ connectionId: ids["connections.id"], types: {} }],
  }),
  "POST /api/v1/custom-alerts": (ids) => alertBody(ids),
  "PUT /api/v1/custom-alerts/{id}": (ids) => alertBody(ids),
  "POST /api/v1/goals": (ids) => ({
    name: "walk",
    metric: "orders",
    period: "day",
    amount: 1,
    connectionId: ids["connections.id"],
  }),
  "PATCH /api/v1/goals/{id}": (ids) => ({ connectionId: ids["connections.id"] }),
  "PUT /api/v1/planning/settings": (ids) => ({
    connectionId: ids["connections.id"],
    reportDays: 30,
    overstockDays: 90,
    understockDays: 14,
  }),
  "PUT /api/v1/connections/{id}/order-settings": (ids) => ({ booksConnectionId: ids["connections.id"] }),
  "POST /api/v1/books/sync": (ids) => ({ connectionId: ids["connections.id"], preset: "current-week" }),
  "POST /api/v1/purchase-orders": (ids) => ({
    supplierId: ids["suppliers.id"],
    lines: [{ productId: ids["products.id"], quantity: 1 }],
  }),
  "POST /api/v1/purchase-orders/{id}/receipts": (ids) => ({
    receiptKey: randomUUID(),
    warehouseId: ids["warehouses.id"],
    lines: [{ productId: ids["products.id"], quantity: 1 }],
  }),
};

function alertBody(ids: Ids) {
  return {
    name: "walk",
    eventType: "order.imported",
    template: "Order {{ orderNumber }}",
    recipients: { webhookIds: [ids["notification-webhooks.id"]] },
  };
}
