import { useEffect, useState } from "react";
import { api } from "../../api.ts";
import type { NotificationRow, Page } from "../../types.ts";

/**
 * The centre's list for a filter, with "load more", a `refresh` that reads the first page again,
 * and `patch` to show a read/unread change at once.
 */
export function useNotificationList(query: Record<string, string>) {
  const key = JSON.stringify(query);
  const [items, setItems] = useState<NotificationRow[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<unknown>();
  const [tick, setTick] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` is the serialised query; `tick` asks again.
  useEffect(() => {
    let live = true;
    api.get<Page<NotificationRow>>("/api/v1/notifications", { ...query, limit: 25 }).then(
      (page) => {
        if (!live) return;
        setError(undefined);
        setItems(page.items);
        setCursor(page.nextCursor);
      },
      (e: unknown) => live && setError(e),
    );
    return () => {
      live = false;
    };
  }, [key, tick]);

  const more = async () => {
    if (!cursor) return;
    try {
      const page = await api.get<Page<NotificationRow>>("/api/v1/notifications", {
        ...query,
        limit: 25,
        cursor,
      });
      setItems((list) => [...(list ?? []), ...page.items]);
      setCursor(page.nextCursor);
    } catch (e) {
      setError(e);
    }
  };
  const patch = (id: string | null, read: boolean) =>
    setItems((list) => list?.map((n) => (id === null || n.id === id ? { ...n, read } : n)) ?? null);
  return { items, error, hasMore: cursor !== null, more, patch, refresh: () => setTick((t) => t + 1) };
}
