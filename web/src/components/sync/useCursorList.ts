import { useCallback, useEffect, useState } from "react";
import { api } from "../../api.ts";
import type { Page } from "../../types.ts";

/**
 * A cursor-paged list for the given filters with "load more" and `reload` (which refreshes the
 * first page in place, for polling while runs are in progress).
 */
export function useCursorList<T>(path: string, query: Record<string, string>, pageSize = 25) {
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

  return { items, error, hasMore: cursor !== null, more, reload };
}
