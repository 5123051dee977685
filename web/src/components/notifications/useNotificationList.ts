import type { NotificationRow } from "../../types.ts";
import { usePaged } from "../usePaged.ts";

/** The centre's list for a filter, with `patch` to show a read/unread change at once. */
export function useNotificationList(query: Record<string, string>) {
  const list = usePaged<NotificationRow>("/api/v1/notifications", query, 25);
  const patch = (id: string | null, read: boolean) =>
    list.update((n) => (id === null || n.id === id ? { ...n, read } : n));
  return {
    items: list.items,
    error: list.error,
    hasMore: list.hasMore,
    more: list.more,
    patch,
    refresh: list.reload,
  };
}
