import { z } from "zod";
import type { Priority } from "../http/index.ts";
import type { QboClient } from "./client.ts";
import { queryResponseSchema } from "./schemas.ts";

/** QuickBooks refuses MAXRESULTS above 1000 (§7.3). */
export const MAX_RESULTS = 1000;

/** A string literal for the query language: single quotes, a quote escaped with a backslash. */
export function quote(value: string): string {
  return `'${value.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
}

/** Runs one `SELECT * FROM <entity> …` and validates each row of `entity` with `schema`. */
export async function queryRows<T>(
  client: QboClient,
  entity: string,
  statement: string,
  schema: z.ZodType<T>,
  priority: Priority,
): Promise<T[]> {
  const body = queryResponseSchema.parse(await client.get("query", { query: statement }, priority));
  const rows = body.QueryResponse[entity];
  return rows === undefined ? [] : z.array(schema).parse(rows);
}

/** Splits `values` into groups small enough for one `IN (…)` clause. */
export function chunk<T>(values: readonly T[], size: number): T[][] {
  const groups: T[][] = [];
  for (let index = 0; index < values.length; index += size) groups.push(values.slice(index, index + size));
  return groups;
}
