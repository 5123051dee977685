import type { FastifyRequest } from "fastify";
import { metaPagination, type PageLimits, pageSlice, parsePageLimit } from "../../kit/paging.ts";
import { type Query, lastValueQuery as query } from "../../kit/query.ts";
import { invalidQuery } from "../errors.ts";
import type { BcExtraIds, BcStore } from "../store.ts";

/** What every route needs: the store and how it is addressed. */
export interface BcContext {
  readonly store: BcStore;
  readonly storeHash: string;
  readonly clientId: string;
  readonly ids: BcExtraIds;
  /** `http://127.0.0.1:<port>`; set once the server listens. */
  baseUrl: string;
}

export const V3 = "/stores/:hash/v3";
export const V2 = "/stores/:hash/v2";
export { idParam, lastValueQuery as query, listFilter, type Query } from "../../kit/query.ts";

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

/** A date filter value: unix seconds or any date `Date.parse` reads (ISO 8601, RFC 2822). */
export function dateParam(q: Query, name: string): number | null {
  const value = q[name];
  if (value === undefined || value === "") return null;
  const ms = /^\d+$/.test(value) ? Number(value) * 1000 : Date.parse(value);
  if (Number.isNaN(ms))
    throw invalidQuery(name, `${name} must be a date (ISO 8601, RFC 2822 or unix seconds)`);
  return ms;
}
