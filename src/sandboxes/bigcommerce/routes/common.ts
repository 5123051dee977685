import type { FastifyRequest } from "fastify";
import { metaPagination, type PageLimits, pageSlice, parsePageLimit } from "../../kit/paging.ts";
import { invalidQuery } from "../errors.ts";
import type { BcStore } from "../store.ts";

/** What every route needs: the store and how it is addressed. */
export interface BcContext {
  readonly store: BcStore;
  readonly storeHash: string;
  readonly clientId: string;
  /** `http://127.0.0.1:<port>`; set once the server listens. */
  baseUrl: string;
}

export type Query = Record<string, string | undefined>;

export const V3 = "/stores/:hash/v3";
export const V2 = "/stores/:hash/v2";

/** The query with a repeated name reduced to its last value. */
export function query(request: FastifyRequest): Query {
  const raw = request.query as Record<string, string | string[] | undefined>;
  return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v[v.length - 1] : v]));
}

export function idParam(request: FastifyRequest, name = "id"): number {
  const n = Number((request.params as Record<string, string>)[name]);
  return Number.isInteger(n) && n > 0 ? n : 0;
}

/** A v3 collection page: `{data, meta:{pagination}}`, `limit` out of bounds → 422. */
export function v3Page<T>(
  request: FastifyRequest,
  items: readonly T[],
  limits: PageLimits,
  render: (item: T) => unknown,
) {
  const parsed = parsePageLimit(query(request), limits);
  if (!parsed.ok) throw invalidQuery(parsed.param, parsed.message);
  const slice = pageSlice(items, parsed.value);
  return {
    data: slice.map(render),
    meta: { pagination: metaPagination(items.length, slice.length, parsed.value) },
  };
}

/** `a,b,c` → a set, or null when the filter is absent. */
export function listFilter(q: Query, name: string): Set<string> | null {
  const value = q[name];
  return value === undefined ? null : new Set(value.split(",").map((s) => s.trim()));
}

/** A date filter value: unix seconds or any date `Date.parse` reads (ISO 8601, RFC 2822). */
export function dateParam(q: Query, name: string): number | null {
  const value = q[name];
  if (value === undefined || value === "") return null;
  const ms = /^\d+$/.test(value) ? Number(value) * 1000 : Date.parse(value);
  if (Number.isNaN(ms))
    throw invalidQuery(name, `${name} must be a date (ISO 8601, RFC 2822 or unix seconds)`);
  return ms;
}
