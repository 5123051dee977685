import { faults } from "./faults.ts";
import { ENTITY_KINDS, type EntityKind, type FieldType } from "./kinds/index.ts";
import type { Condition, Literal, ParsedQuery } from "./query-parser.ts";
import type { EntityStore } from "./store.ts";
import { ID_SPACE, isEntityName, isRecord, type QboEntity } from "./types.ts";

export const DEFAULT_MAX_RESULTS = 100;

const TRANSACTION_ENTITIES = new Set(
  Object.entries(ID_SPACE)
    .filter(([, space]) => space === "Txn")
    .map(([name]) => name),
);

/** Entity names in a query match without case (`select * from item`), as in QBO. */
function entityKindNamed(name: string): EntityKind | undefined {
  const wanted = name.toLowerCase();
  const canonical = Object.keys(ENTITY_KINDS).find((entity) => entity.toLowerCase() === wanted);
  return canonical !== undefined && isEntityName(canonical) ? ENTITY_KINDS[canonical] : undefined;
}
export const MAX_RESULTS_CAP = 1000;

interface Field {
  path: string[];
  type: FieldType;
}

/** Property names match without case ("Metadata.LastUpdatedTime" is in Intuit's own examples). */
function resolveField(kind: EntityKind, name: string): Field {
  const wanted = name.toLowerCase();
  const match = Object.entries(kind.queryable).find(([path]) => path.toLowerCase() === wanted);
  if (!match) throw faults.queryValidation(`property '${name}' is not queryable`);
  return { path: match[0].split("."), type: match[1] };
}

function fieldValue(entity: Readonly<QboEntity>, field: Field): unknown {
  let current: unknown = entity;
  for (const key of field.path) current = isRecord(current) ? current[key] : undefined;
  if (field.type === "ref" && isRecord(current)) return current.value;
  return current;
}

function instant(value: unknown): number {
  const ms = Date.parse(String(value));
  if (Number.isNaN(ms)) throw faults.queryValidation(`'${String(value)}' is not a valid date-time value`);
  return ms;
}

/** Negative, zero or positive like a sort comparator; ids compare as numbers. */
function compare(type: FieldType, actual: unknown, literal: Literal): number {
  switch (type) {
    case "id":
    case "ref":
    case "number": {
      const a = Number(actual);
      const b = Number(literal);
      if (Number.isNaN(a) || Number.isNaN(b)) return String(actual).localeCompare(String(literal));
      return a - b;
    }
    case "boolean":
      return Number(actual === true) - Number(literal === true || literal === "true");
    case "datetime":
      return instant(actual) - instant(literal);
    case "date":
      return String(actual).slice(0, 10).localeCompare(String(literal).slice(0, 10));
    case "string":
      return String(actual).toLowerCase().localeCompare(String(literal).toLowerCase());
  }
}

function likePattern(pattern: string): RegExp {
  const body = pattern
    .split("%")
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
    .join(".*");
  return new RegExp(`^${body}$`, "is");
}

function matches(entity: Readonly<QboEntity>, field: Field, condition: Condition): boolean {
  const actual = fieldValue(entity, field);
  if (actual === undefined || actual === null) return false;
  const { op, value } = condition;
  if (op === "IN")
    return (Array.isArray(value) ? value : [value]).some((v) => compare(field.type, actual, v) === 0);
  if (Array.isArray(value)) return false;
  if (op === "LIKE") return likePattern(String(value)).test(String(actual));
  const order = compare(field.type, actual, value);
  if (op === "=") return order === 0;
  if (op === "<") return order < 0;
  if (op === ">") return order > 0;
  if (op === "<=") return order <= 0;
  return order >= 0;
}

function sortValue(value: unknown): Literal | undefined {
  if (value === undefined || value === null) return undefined;
  return typeof value === "number" || typeof value === "boolean" ? value : String(value);
}

export function executeQuery(
  parsed: ParsedQuery,
  store: EntityStore,
): { QueryResponse: Record<string, unknown> } {
  const kind: EntityKind | undefined = entityKindNamed(parsed.entity);
  if (!kind) throw faults.queryValidation(`Invalid entity name '${parsed.entity}'`);
  const conditions = parsed.where.map((condition) => ({
    condition,
    field: resolveField(kind, condition.field),
  }));
  const order = parsed.orderBy.map((o) => ({ field: resolveField(kind, o.field), descending: o.descending }));
  const maxResults = parsed.maxResults ?? DEFAULT_MAX_RESULTS;
  if (maxResults > MAX_RESULTS_CAP) {
    throw faults.queryValidation(
      `value ${maxResults} is too large. Max allowed value is ${MAX_RESULTS_CAP}.`,
    );
  }
  // Like QBO, name lists hide inactive rows unless the query asks about Active itself.
  const hidesInactive =
    "Active" in kind.queryable && !conditions.some((c) => c.field.path.join(".") === "Active");
  const rows = [...store.peek(kind.name)].filter(
    (row) =>
      !(hidesInactive && row.Active === false) && conditions.every((c) => matches(row, c.field, c.condition)),
  );
  if (parsed.count) return { QueryResponse: { totalCount: rows.length } };
  const sortBy = order.length > 0 ? order : [{ field: resolveField(kind, "Id"), descending: false }];
  rows.sort((a, b) => {
    for (const { field, descending } of sortBy) {
      const left = sortValue(fieldValue(a, field));
      const right = sortValue(fieldValue(b, field));
      if (left === right) continue;
      if (left === undefined) return descending ? 1 : -1;
      if (right === undefined) return descending ? -1 : 1;
      const result = compare(field.type, left, right);
      if (result !== 0) return descending ? -result : result;
    }
    return Number(a.Id) - Number(b.Id);
  });
  const start = Math.max(1, parsed.startPosition ?? 1);
  const page = rows.slice(start - 1, start - 1 + maxResults).map((row) => structuredClone(row));
  if (page.length === 0) return { QueryResponse: {} };
  // Transaction queries also carry `totalCount`, and it counts this page, not every match (as
  // recorded from QBO); name lists (Item, Customer, Account) leave it out. COUNT(*) gives the total.
  const counted = TRANSACTION_ENTITIES.has(kind.name) ? { totalCount: page.length } : {};
  return { QueryResponse: { [kind.name]: page, startPosition: start, maxResults: page.length, ...counted } };
}
