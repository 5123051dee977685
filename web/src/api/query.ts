import { keepPreviousData, QueryClient, useInfiniteQuery } from "@tanstack/react-query";
import { ApiError } from "./client.ts";

/**
 * TanStack Query's cache for the dashboard. A refusal (4xx) is shown at once, never retried; only a
 * hub that could not be reached is asked once more. Lists are read again when a page mounts.
 */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      retry: (count, error) => error instanceof ApiError && error.status === 0 && count < 1,
      refetchOnWindowFocus: false,
    },
    mutations: { retry: false },
  },
});

type CursorPage<T> = { items: T[]; nextCursor: string | null };

/**
 * A keyset-paged list (`items` + `nextCursor`) through useInfiniteQuery: the pages read so far as
 * one list, `more()` for the next page, `reload()` to read them again (polling while work runs).
 */
export function usePagedQuery<T>(
  queryKey: readonly unknown[],
  fetchPage: (cursor: string | undefined, signal: AbortSignal) => Promise<CursorPage<T>>,
  options: { refetchInterval?: (items: T[]) => number | false } = {},
) {
  const query = useInfiniteQuery({
    queryKey,
    queryFn: ({ pageParam, signal }) => fetchPage(pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    // A changed filter keeps the rows shown until the new ones arrive, rather than blanking the list.
    placeholderData: keepPreviousData,
    refetchInterval: options.refetchInterval
      ? (q) => options.refetchInterval?.(q.state.data?.pages.flatMap((p) => p.items) ?? []) ?? false
      : undefined,
  });
  const items = query.data?.pages.flatMap((page) => page.items) ?? null;
  return {
    items,
    error: query.error,
    hasMore: query.hasNextPage,
    more: () => void query.fetchNextPage(),
    reload: () => void query.refetch(),
  };
}

/** Drops unset filters ("" or undefined), which the hub would read as a value to match. */
export function compact<T extends Record<string, unknown>>(query: T): T {
  return Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined && v !== "")) as T;
}
