import { type InfiniteData, useQueryClient } from "@tanstack/react-query";
import { client, unwrap } from "../../api/client.ts";
import { compact, usePagedQuery } from "../../api/query.ts";
import type { Ok, QueryOf } from "../../api/types.ts";

/** The centre's list for a filter, with `patch` to show a read/unread change at once. */
export function useNotificationList(query: Record<string, string>) {
  // The filters' values come from selects that offer the API's own values.
  const params = compact(query) as QueryOf<"listNotifications">;
  const key = ["notifications", "list", params];
  const list = usePagedQuery(key, (cursor, signal) =>
    unwrap(
      client.GET("/api/v1/notifications", { params: { query: { ...params, limit: 25, cursor } }, signal }),
    ),
  );
  const queries = useQueryClient();
  const patch = (id: string | null, read: boolean) =>
    queries.setQueryData<InfiniteData<Ok<"listNotifications">>>(key, (data) =>
      data
        ? {
            ...data,
            pages: data.pages.map((page) => ({
              ...page,
              items: page.items.map((n) => (id === null || n.id === id ? { ...n, read } : n)),
            })),
          }
        : data,
    );
  return {
    items: list.items,
    error: list.error,
    hasMore: list.hasMore,
    more: list.more,
    patch,
    refresh: list.reload,
  };
}
