import { GraphQLError } from "graphql";
import { MAX_PAGE_SIZE } from "../constants.ts";

export type SortValue = number | string;

/** Sort value first, record id second: the id breaks ties so every key is unique. */
export type SortKey = readonly [SortValue, number];

export interface ConnectionArgs {
  readonly first?: number | null;
  readonly after?: string | null;
  readonly last?: number | null;
  readonly before?: string | null;
  readonly reverse?: boolean | null;
}

export interface PageInfo {
  readonly hasNextPage: boolean;
  readonly hasPreviousPage: boolean;
  readonly startCursor: string | null;
  readonly endCursor: string | null;
}

export interface Connection<T> {
  readonly edges: { cursor: string; node: T }[];
  readonly nodes: T[];
  readonly pageInfo: PageInfo;
}

/** Shopify cursors are base64 JSON of the last id and sort value; clients must treat them as opaque. */
export function encodeCursor([value, id]: SortKey): string {
  return Buffer.from(JSON.stringify({ last_id: id, last_value: value })).toString("base64url");
}

function decodeCursor(cursor: string): SortKey {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (typeof parsed === "object" && parsed !== null && "last_id" in parsed && "last_value" in parsed) {
      const { last_id: id, last_value: value } = parsed;
      if (typeof id === "number" && (typeof value === "number" || typeof value === "string"))
        return [value, id];
    }
  } catch {
    // fall through to the error Shopify gives for cursors it did not issue
  }
  throw new GraphQLError("Invalid cursor for current pagination sort.", {
    extensions: { code: "BAD_REQUEST" },
  });
}

function compareKeys(a: SortKey, b: SortKey): number {
  if (a[0] !== b[0]) return a[0] < b[0] ? -1 : 1;
  return a[1] - b[1];
}

export interface PaginateOptions<T> {
  readonly keyOf: (item: T) => SortKey;
  /** Items are in ascending key order; reverse pages through them backwards without copying. */
  readonly reverse: boolean;
  /** Bulk operations read whole connections, so the page size limit does not apply. */
  readonly unlimited?: boolean;
}

/**
 * Relay pagination over a sorted array, seeking by cursor key (binary search) so a
 * cursor stays valid when records before it are added or removed.
 */
export function paginate<T>(
  items: readonly T[],
  args: ConnectionArgs,
  options: PaginateOptions<T>,
): Connection<T> {
  const total = items.length;
  const at = (index: number): T => items[options.reverse ? total - 1 - index : index] as T;
  const direction = options.reverse ? -1 : 1;
  /** First index whose key is after `key` in page order (or at/after when inclusive). */
  const seek = (key: SortKey, inclusive: boolean): number => {
    let low = 0;
    let high = total;
    while (low < high) {
      const mid = (low + high) >>> 1;
      const cmp = compareKeys(options.keyOf(at(mid)), key) * direction;
      if (cmp > 0 || (inclusive && cmp === 0)) high = mid;
      else low = mid + 1;
    }
    return low;
  };
  let start = args.after ? seek(decodeCursor(args.after), false) : 0;
  let end = args.before ? seek(decodeCursor(args.before), true) : total;
  if (end < start) end = start;
  const windowStart = start;
  const windowEnd = end;
  const limit = options.unlimited ? Number.POSITIVE_INFINITY : MAX_PAGE_SIZE;
  if (args.first !== undefined && args.first !== null)
    end = Math.min(end, start + Math.min(args.first, limit));
  else if (args.last !== undefined && args.last !== null)
    start = Math.max(start, end - Math.min(args.last, limit));
  else if (!options.unlimited) end = Math.min(end, start + limit);
  const nodes: T[] = [];
  const edges: { cursor: string; node: T }[] = [];
  for (let index = start; index < end; index++) {
    const node = at(index);
    nodes.push(node);
    edges.push({ cursor: encodeCursor(options.keyOf(node)), node });
  }
  return {
    edges,
    nodes,
    pageInfo: {
      hasNextPage:
        end < windowEnd || (args.before !== undefined && args.before !== null && windowEnd < total),
      hasPreviousPage: start > windowStart || windowStart > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}

/** Keys for lists that keep their natural order (nested connections, small lists). */
export function positionKey<T extends { id: number }>(item: T): SortKey {
  return [item.id, item.id];
}
