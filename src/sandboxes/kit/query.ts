import type { FastifyRequest } from "fastify";

/** Query parameters as most platforms read them: one value a name. */
export type Query = Record<string, string | undefined>;

/** The query with a repeated name reduced to its last value, as PHP's `$_GET` and most servers do. */
export function lastValueQuery(request: FastifyRequest): Query {
  const raw = request.query as Record<string, string | string[] | undefined>;
  return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v[v.length - 1] : v]));
}

/** A positive integer path parameter; 0 when it is not one (no record has id 0). */
export function idParam(request: FastifyRequest, name = "id"): number {
  const n = Number((request.params as Record<string, string>)[name]);
  return Number.isInteger(n) && n > 0 ? n : 0;
}

/** `a,b,c` → a set, or null when the filter is absent. */
export function listFilter(q: Query, name: string): Set<string> | null {
  const value = q[name];
  return value === undefined ? null : new Set(value.split(",").map((s) => s.trim()));
}
