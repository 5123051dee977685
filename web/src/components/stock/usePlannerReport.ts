import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { client, unwrap } from "../../api/client.ts";
import type { PlannerRow } from "../../api/types.ts";

/**
 * The whole planner report for a scope: sorting by days of supply or a status filter is only
 * truthful over every SKU, so all pages are read (500 a request) before the table shows. Saved
 * planner settings invalidate ["planning"], which reads it again.
 */
export function usePlannerReport(query: { connectionId: string; days: string }) {
  const [loaded, setLoaded] = useState(0);
  const report = useQuery({
    queryKey: ["planning", "report", query],
    queryFn: async ({ signal }) => {
      setLoaded(0);
      const rows: PlannerRow[] = [];
      let cursor: string | undefined;
      for (;;) {
        const page = await unwrap(
          client.GET("/api/v1/planning/report", {
            params: {
              query: {
                ...(query.connectionId ? { connectionId: query.connectionId } : {}),
                ...(query.days ? { days: Number(query.days) } : {}),
                limit: 500,
                cursor,
              },
            },
            signal,
          }),
        );
        rows.push(...page.items);
        setLoaded(rows.length);
        cursor = page.nextCursor ?? undefined;
        if (!cursor) return { rows, settings: page.settings };
      }
    },
  });
  return {
    rows: report.data?.rows ?? null,
    settings: report.data?.settings ?? null,
    loaded,
    error: report.error,
  };
}
