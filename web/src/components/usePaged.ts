import { useCallback, useEffect, useState } from "react";
import { api } from "../api.ts";
import type { Page } from "../types.ts";

/**
 * A cursor-paged list for the given filters: the first page, "load more", `reload` (reads the
 * first page again in place, for polling while work is in progress) and `update` (shows a local
 * change at once, such as a notification marked read).
 */
export function usePaged<T>(path: string, query: Record<string, string>, pageSize = 50) {
  const key = JSON.stringify(query);
  const [items, setItems] = useState<T[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<unknown>();
  const [tick, setTick] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` is the serialised query; `tick` asks again.
  useEffect(() => {
    let live = true;
    api.get<Page<T>>(path, { ...query, limit: pageSize }).then(
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
  }, [path, key, tick, pageSize]);

  const more = async () => {
    if (!cursor) return;
    try {
      const page = await api.get<Page<T>>(path, { ...query, limit: pageSize, cursor });
      setItems((list) => [...(list ?? []), ...page.items]);
      setCursor(page.nextCursor);
    } catch (e) {
      setError(e);
    }
  };
  const reload = useCallback(() => setTick((t) => t + 1), []);
  const update = useCallback((change: (item: T) => T) => setItems((list) => list?.map(change) ?? null), []);

  return { items, error, hasMore: cursor !== null, more, reload, update };
}
