import type { Page } from "../contract.ts";
import { nextPageCursor, pageOf } from "./channel.ts";

/** Query values as the REST client takes them. */
export type ListQuery = Record<string, string | number | boolean | undefined>;

/** One page as a paging style reads it: the records, and the platform's totals when it gives them. */
export type PageAnswer<Raw> = { items: Raw[]; totalPages?: number | null; total?: number };

/**
 * How a platform pages: `totals` when the answer states its total pages (WordPress's
 * `X-WP-TotalPages`, `meta.pagination`), `full-page` when only a full page says there may be more
 * (BigCommerce v2, which answers an empty page with 204).
 */
export type PagingKind = "totals" | "full-page";

/** The "since" feeds: which parameter takes each bound and how a date is spelled in it. */
export type SinceParams = {
  updated?: string;
  created?: string;
  format(date: Date): string;
  /** Parameters sent with a bound (WooCommerce's `dates_are_gmt=true`). */
  withBound?: ListQuery;
};

/**
 * A REST listing declared once: endpoint, paging style and size parameter, its "since"
 * parameters, and the mapper from a page of platform records to the hub's items. `runListing`
 * turns it into a `Page` for the contract's `listProducts` / `listOrders`.
 */
export type Listing<Raw, Item> = {
  path: string;
  paging: PagingKind;
  /** The page-size parameter (`per_page`, `limit`) with the platform's default and maximum. */
  size: { param: string; default: number; max: number };
  /** Sent with every page (`orderby=id`, `include=variants`, …). */
  query?: ListQuery;
  since?: SinceParams;
  /** Reads one page in the platform's paging style. */
  read(path: string, query: ListQuery): Promise<PageAnswer<Raw>>;
  /** A page of records to the hub's items; notices name records withheld and why. */
  map(records: Raw[]): Promise<{ items: Item[]; notices?: string[] }>;
};

export type ListOptions = {
  updatedSince?: Date;
  createdSince?: Date;
  cursor?: string | null;
  pageSize?: number;
};

/** One page of a declared listing, the page number as the cursor. */
export async function runListing<Raw, Item>(
  listing: Listing<Raw, Item>,
  options: ListOptions,
): Promise<Page<Item>> {
  const page = pageOf(options.cursor);
  const limit = Math.min(Math.max(options.pageSize ?? listing.size.default, 1), listing.size.max);
  const { since } = listing;
  const bound = (name: string | undefined, date: Date | undefined) =>
    since && name && date ? { [name]: since.format(date) } : {};
  const bounded =
    !!since && !!((since.updated && options.updatedSince) || (since.created && options.createdSince));
  const answer = await listing.read(listing.path, {
    page,
    [listing.size.param]: limit,
    ...listing.query,
    ...(bounded ? since?.withBound : {}),
    ...bound(since?.updated, options.updatedSince),
    ...bound(since?.created, options.createdSince),
  });
  const mapped = await listing.map(answer.items);
  const next =
    listing.paging === "totals"
      ? nextPageCursor(page, answer.totalPages)
      : answer.items.length === limit
        ? String(page + 1)
        : null;
  return {
    items: mapped.items,
    nextCursor: next,
    ...(answer.total !== undefined ? { estimatedTotal: answer.total } : {}),
    ...(mapped.notices && mapped.notices.length > 0 ? { notices: mapped.notices } : {}),
  };
}
