import type { PageLimits } from "../../kit/paging.ts";
import type { Query } from "../../kit/query.ts";
import { type Filter, metaPaging, type PagingStyle } from "../../kit/resources.ts";
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

/** Most v3 collections: `limit` default 50, at most 250. */
export const V3_LIMITS = { defaultPerPage: 50, maxPerPage: 250 } as const;

/** A v3 collection page: `{data, meta:{pagination}}`, `limit` out of bounds → 422. */
export const v3Paging = (limits: PageLimits = V3_LIMITS): PagingStyle =>
  metaPaging({ limits, invalid: invalidQuery });

/** A v3 single record: `{data, meta:{}}`. */
export const v3One = (data: unknown) => ({ data, meta: {} });

/** A date filter value: unix seconds or any date `Date.parse` reads (ISO 8601, RFC 2822). */
export function dateParam(q: Query, name: string, invalid = invalidQuery): number | null {
  const value = q[name];
  if (value === undefined || value === "") return null;
  const ms = /^\d+$/.test(value) ? Number(value) * 1000 : Date.parse(value);
  if (Number.isNaN(ms)) throw invalid(name, `${name} must be a date (ISO 8601, RFC 2822 or unix seconds)`);
  return ms;
}

/** `name=<date>` as a bound on the item's instant: `min` keeps items at or after it, `max` at or before. */
export const dateBound =
  <T>(side: "min" | "max", at: (item: T) => number, invalid = invalidQuery): Filter<T> =>
  (_value, q, name) => {
    const ms = dateParam(q, name, invalid);
    return (item) => ms === null || (side === "min" ? at(item) >= ms : at(item) <= ms);
  };
