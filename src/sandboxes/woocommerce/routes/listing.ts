import type { Query } from "../../kit/query.ts";
import { type PagingStyle, wordpressPaging } from "../../kit/resources.ts";
import { parseFilterDate, type SiteClock } from "../dates.ts";
import { invalidParam } from "../errors.ts";

/** Query parameters every WooCommerce collection shares, validated as WordPress REST does. */

export const PAGE_LIMITS = { defaultPerPage: 10, maxPerPage: 100 } as const;

export { idParam, lastValueQuery as query } from "../../kit/query.ts";

export function booleanParam(q: Query, name: string, fallback: boolean): boolean {
  const value = q[name];
  if (value === undefined) return fallback;
  if (value === "true" || value === "1") return true;
  if (value === "false" || value === "0") return false;
  throw invalidParam(name, `${name} is not of type boolean.`);
}

interface Dated {
  readonly createdMs: number;
  readonly modifiedMs: number;
}

/** `after`/`before` (created) and `modified_after`/`modified_before`, read per `dates_are_gmt`. */
export function dateFilter(clock: SiteClock, q: Query): (item: Dated) => boolean {
  const gmt = booleanParam(q, "dates_are_gmt", false);
  const bound = (name: string) => {
    const value = q[name];
    if (value === undefined) return null;
    const ms = parseFilterDate(clock, value, gmt);
    if (ms === null) throw invalidParam(name, "Invalid date.");
    return ms;
  };
  const after = bound("after");
  const before = bound("before");
  const modifiedAfter = bound("modified_after");
  const modifiedBefore = bound("modified_before");
  return (item) =>
    (after === null || item.createdMs > after) &&
    (before === null || item.createdMs < before) &&
    (modifiedAfter === null || item.modifiedMs > modifiedAfter) &&
    (modifiedBefore === null || item.modifiedMs < modifiedBefore);
}

const ORDER_BY = ["date", "id", "modified", "title", "include"] as const;

/** `orderby` (default date) and `order` (default desc), ties broken by id like MySQL's post order. */
export function sorter<T extends Dated & { readonly id: number }>(
  q: Query,
  title: (item: T) => string = () => "",
) {
  const orderby = q.orderby ?? "date";
  if (!(ORDER_BY as readonly string[]).includes(orderby)) {
    throw invalidParam("orderby", `orderby is not one of ${ORDER_BY.join(", ")}.`);
  }
  const order = q.order ?? "desc";
  if (order !== "asc" && order !== "desc") throw invalidParam("order", "order is not one of asc and desc.");
  const key = (item: T): number | string =>
    orderby === "modified"
      ? item.modifiedMs
      : orderby === "title"
        ? title(item)
        : orderby === "id"
          ? item.id
          : item.createdMs;
  const sign = order === "asc" ? 1 : -1;
  return (a: T, b: T) => {
    const ka = key(a);
    const kb = key(b);
    return (ka < kb ? -1 : ka > kb ? 1 : a.id - b.id) * sign;
  };
}

/** WordPress paging (`X-WP-Total`, `X-WP-TotalPages`, `Link`) with links that leave the credentials out. */
export const wooPaging = (siteUrl: () => string): PagingStyle =>
  wordpressPaging({ limits: PAGE_LIMITS, baseUrl: siteUrl, hidden: isAuthParam, invalid: invalidParam });

export function isAuthParam(name: string): boolean {
  return name.startsWith("oauth_") || name === "consumer_key" || name === "consumer_secret";
}
