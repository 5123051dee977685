import { useEffect, useState } from "react";
import { api } from "../api.ts";
import type { Page } from "../types.ts";

/** First page of a cursor-paged list for the given filters, with "load more". */
export function usePaged<T>(path: string, query: Record<string, string>) {
  const key = JSON.stringify(query);
  const [items, setItems] = useState<T[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<unknown>();

  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` is the serialised query.
  useEffect(() => {
    let live = true;
    setError(undefined);
    api.get<Page<T>>(path, { ...query, limit: 50 }).then(
      (page) => {
        if (!live) return;
        setItems(page.items);
        setCursor(page.nextCursor);
      },
      (e: unknown) => live && setError(e),
    );
    return () => {
      live = false;
    };
  }, [path, key]);

  const more = async () => {
    if (!cursor) return;
    try {
      const page = await api.get<Page<T>>(path, { ...query, limit: 50, cursor });
      setItems((list) => [...(list ?? []), ...page.items]);
      setCursor(page.nextCursor);
    } catch (e) {
      setError(e);
    }
  };

  return { items, error, hasMore: cursor !== null, more };
}
