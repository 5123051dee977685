import { useEffect, useState } from "react";
import { api } from "../../api.ts";
import type { PlannerPage, PlannerRow } from "../../types.ts";

/**
 * The whole planner report for a scope: sorting by days of supply or a status filter is only
 * truthful over every SKU, so all pages are read (500 a request) before the table shows.
 */
export function usePlannerReport(query: { connectionId: string; days: string }, tick: number) {
  const [rows, setRows] = useState<PlannerRow[] | null>(null);
  const [settings, setSettings] = useState<PlannerPage["settings"] | null>(null);
  const [loaded, setLoaded] = useState(0);
  const [error, setError] = useState<unknown>();
  const key = JSON.stringify(query);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` is the serialised query; `tick` asks again.
  useEffect(() => {
    let live = true;
    setError(undefined);
    setLoaded(0);
    (async () => {
      const all: PlannerRow[] = [];
      let cursor: string | undefined;
      do {
        const page = await api.get<PlannerPage>("/api/v1/planning/report", { ...query, limit: 500, cursor });
        if (!live) return;
        all.push(...page.items);
        setLoaded(all.length);
        setSettings(page.settings);
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      setRows(all);
    })().catch((e: unknown) => live && setError(e));
    return () => {
      live = false;
    };
  }, [key, tick]);
  return { rows, settings, loaded, error };
}
