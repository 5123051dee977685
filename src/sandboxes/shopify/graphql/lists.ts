import type { GraphQLResolveInfo } from "graphql";
import type { Store } from "../store/store.ts";
import {
  type Connection,
  type ConnectionArgs,
  paginate,
  type SortKey,
  type SortValue,
} from "./connection.ts";
import type { GraphqlContext } from "./context.ts";
import { compileSearch, type SearchFields, type SearchWarning } from "./search-match.ts";
import { parseSearchQuery } from "./search-query.ts";

/** A top-level listing: where records come from, how `query:` reads them, how each sortKey orders them. */
export interface ListSpec<T extends { id: number }> {
  readonly name: string;
  /** Records in ascending id order. */
  readonly source: (store: Store) => readonly T[];
  /** Changes whenever a listing could change. */
  readonly version: (store: Store) => number;
  readonly fields: SearchFields<T>;
  /** What a bare word (no `field:`) is matched against. */
  readonly text: (record: T) => readonly string[];
  readonly sortKeys: Readonly<Record<string, (record: T) => SortValue>>;
}

export interface ListRequest extends ConnectionArgs {
  readonly query?: string | null;
  readonly sortKey?: string | null;
}

function sortedBy<T extends { id: number }>(items: readonly T[], sortValueOf: (record: T) => SortValue): T[] {
  const keyed = items.map((record) => ({ record, value: sortValueOf(record) }));
  keyed.sort((a, b) => (a.value === b.value ? a.record.id - b.record.id : a.value < b.value ? -1 : 1));
  return keyed.map((entry) => entry.record);
}

export function listConnection<T extends { id: number }>(
  context: GraphqlContext,
  spec: ListSpec<T>,
  request: ListRequest,
  info: GraphQLResolveInfo,
): Connection<T> {
  const sortKey = request.sortKey && spec.sortKeys[request.sortKey] ? request.sortKey : "ID";
  const sortValueOf = spec.sortKeys[sortKey] ?? ((record: T) => record.id);
  const query = request.query?.trim() ?? "";
  const warnings: SearchWarning[] = [];
  const predicate =
    query === "" ? null : compileSearch(parseSearchQuery(query), spec.fields, spec.text, warnings);
  if (query !== "") context.searchReports.push({ path: pathOf(info), query, warnings });
  const source = spec.source(context.store);
  const items =
    predicate === null && sortKey === "ID"
      ? source
      : context.lists.get(`${spec.name}|${sortKey}|${query}`, spec.version(context.store), () => {
          const filtered = predicate === null ? source : source.filter(predicate);
          return sortKey === "ID" ? filtered : sortedBy(filtered, sortValueOf);
        });
  const keyOf = (record: T): SortKey => [sortValueOf(record), record.id];
  return windowed(context, info, items, request, keyOf);
}

/**
 * `ordersCount`-style totals: records matching `query`, capped at `limit` (then `AT_LEAST`, as
 * Shopify answers; a null limit counts everything).
 */
export function countMatching<T extends { id: number }>(
  context: GraphqlContext,
  spec: ListSpec<T>,
  args: { query?: string | null; limit?: number | null },
  info: GraphQLResolveInfo,
): { count: number; precision: "EXACT" | "AT_LEAST" } {
  const query = args.query?.trim() ?? "";
  const warnings: SearchWarning[] = [];
  const predicate =
    query === "" ? null : compileSearch(parseSearchQuery(query), spec.fields, spec.text, warnings);
  if (query !== "") context.searchReports.push({ path: pathOf(info), query, warnings });
  const source = spec.source(context.store);
  const total = predicate === null ? source.length : source.filter(predicate).length;
  const limit = args.limit ?? Number.POSITIVE_INFINITY;
  return total > limit ? { count: limit, precision: "AT_LEAST" } : { count: total, precision: "EXACT" };
}

/** Pages a list, applying the bulk-operation window when one is running. */
export function windowed<T>(
  context: GraphqlContext,
  info: GraphQLResolveInfo,
  items: readonly T[],
  args: ConnectionArgs,
  keyOf: (record: T) => SortKey,
): Connection<T> {
  const reverse = args.reverse === true;
  const bulk = context.bulkWindow;
  if (!bulk) return paginate(items, args, { keyOf, reverse });
  if (info.path.prev !== undefined) return paginate(items, {}, { keyOf, reverse, unlimited: true });
  const page = paginate(
    items,
    { first: bulk.pageSize, after: bulk.after },
    { keyOf, reverse, unlimited: true },
  );
  bulk.endCursor = page.pageInfo.endCursor;
  bulk.hasNextPage = page.pageInfo.hasNextPage;
  return page;
}

export function pathOf(info: GraphQLResolveInfo): (string | number)[] {
  const path: (string | number)[] = [];
  for (let node: GraphQLResolveInfo["path"] | undefined = info.path; node; node = node.prev)
    path.unshift(node.key);
  return path;
}
