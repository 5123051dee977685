import { z } from "zod";
import type { Clock } from "../clock.ts";
import type { CompanyProfile } from "../company.ts";
import { faults } from "../faults.ts";
import type { EntityStore } from "../store.ts";
import { type EntityName, type Fields, isRecord, type QboEntity, type Ref } from "../types.ts";

/** How a queryable field compares: QBO compares ids numerically, times as instants, names without case. */
export type FieldType = "string" | "number" | "boolean" | "datetime" | "date" | "id" | "ref";

/** Company settings that change validation. */
export interface Preferences {
  /** Reject a sales document whose DocNumber is already used by the same document type (code 6140). Default false. */
  duplicateDocNumberCheck: boolean;
  /** Days from TxnDate to an invoice's DueDate when none is sent (the company's default terms). Default 30 (Net 30). */
  defaultTermDays: number;
}

export interface KindContext {
  store: EntityStore;
  clock: Clock;
  prefs: Preferences;
  company: CompanyProfile;
  /** `Entity:Id` of rows created earlier in the same batch: QBO's batch items do not see each other's creates. */
  hidden: ReadonlySet<string>;
}

export interface StockLine {
  itemId: string;
  /** Signed: negative when stock leaves (sales), positive when it comes back (refunds, credits). */
  qty: number;
}

export interface EntityKind {
  name: EntityName;
  /** Lower-case path segment: `/v3/company/:realmId/<resource>`. */
  resource: string;
  operations: { create: boolean; update: boolean; delete: boolean; void: boolean };
  /** Fields a query may filter and sort on. */
  queryable: Record<string, FieldType>;
  /** Validates a create (no `existing`) or an already-merged update, and returns the fields to store. */
  normalize(input: Fields, ctx: KindContext, existing?: QboEntity): Fields;
  stockLines?(entity: Fields): StockLine[];
  /** What remains of a document after `operation=void`. */
  voided?(entity: QboEntity): Fields;
}

export const COMMON_QUERYABLE = {
  Id: "id",
  "MetaData.CreateTime": "datetime",
  "MetaData.LastUpdatedTime": "datetime",
} as const satisfies Record<string, FieldType>;

/** QBO's JSON reader accepts numbers sent as strings; so does the sandbox. */
export const qboNumber = z.union([
  z.number(),
  z
    .string()
    .regex(/^-?\d+(\.\d+)?$/)
    .transform(Number),
]);

export const RefInput = z.looseObject({
  value: z.union([z.string().min(1), z.number()]).transform(String),
  name: z.string().optional(),
});

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let current = input;
  for (const key of path) {
    if (Array.isArray(current) && typeof key === "number") current = current[key];
    else if (isRecord(current) && typeof key === "string") current = current[key];
    else return undefined;
  }
  return current;
}

/** Parses with zod but answers in QBO's words: 2020 for a missing field, 2010 for a wrong one. */
export function parseInput<T extends z.ZodType>(schema: T, input: Fields): z.output<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = issue?.path ?? [];
  const field = path.filter((key): key is string => typeof key === "string").join(".");
  if (valueAt(input, path) === undefined) throw faults.requiredParam(field);
  throw faults.invalidProperty(field);
}

export function checkLength(field: string, value: string | undefined, max: number): void {
  if (value !== undefined && value.length > max) throw faults.stringLength(field, max, value.length);
}

export function visible(ctx: KindContext, name: EntityName, id: string): QboEntity | undefined {
  return ctx.hidden.has(`${name}:${id}`) ? undefined : ctx.store.get(name, id);
}

/** A reference must point at an existing, active row (2500 otherwise) and is echoed back with its name. */
export function resolveRef(
  ctx: KindContext,
  name: EntityName,
  ref: { value: string },
  field: string,
  nameField = "Name",
): { entity: QboEntity; ref: Ref } {
  const entity = visible(ctx, name, ref.value);
  if (!entity || entity.Active === false) throw faults.invalidReference(field, ref.value);
  const label = entity[nameField];
  return { entity, ref: { value: entity.Id, ...(typeof label === "string" ? { name: label } : {}) } };
}

/** Names are unique per list regardless of case, as in QBO (6240). */
export function assertUniqueName(
  ctx: KindContext,
  name: EntityName,
  field: string,
  value: string,
  selfId?: string,
): void {
  const wanted = value.toLowerCase();
  for (const row of ctx.store.peek(name)) {
    const other = row[field];
    if (row.Id !== selfId && typeof other === "string" && other.toLowerCase() === wanted) {
      throw faults.duplicateName(row.Id);
    }
  }
}
