import { useQuery, useQueryClient } from "@tanstack/react-query";
import { client, unwrap } from "../../api/client.ts";
import type { operations } from "../../api/schema.d.ts";
import type { BooksSyncProgress } from "../../api/types.ts";

const POLL_MS = 700;

/** The range as the sync was asked for it: a preset, or from and to. */
export type ProgressQuery = operations["getBooksSyncProgress"]["parameters"]["query"];

/**
 * Polls where a range stands in the books while `query` is set (a manual sync or re-summarise is
 * running in its own request); keeps the last answer once the work is done.
 */
export function useBooksProgress(query: ProgressQuery | null) {
  const queries = useQueryClient();
  const progress = useQuery({
    queryKey: ["books-progress", query],
    queryFn: () => unwrap(client.GET("/api/v1/books/sync/progress", { params: { query: query! } })),
    enabled: query !== null,
    refetchInterval: POLL_MS,
    // A failed poll is not the sync failing: the sync's own answer reports errors.
    retry: false,
    // Once the work is done (no query) the last answer stays; a new range starts from nothing.
    placeholderData: (previous) => (query === null ? previous : undefined),
  });
  return {
    progress: progress.data ?? null,
    reset: () => queries.removeQueries({ queryKey: ["books-progress"] }),
  };
}

/** "3 of 5 orders in the books · 1 of 2 documents posted" and the fraction for the bar. */
export function describeProgress(p: BooksSyncProgress | null): {
  done: number;
  total: number | null;
  text: string;
} {
  if (!p) return { done: 0, total: null, text: "Starting…" };
  const settled = p.documents.posted + p.documents.preview + p.documents.failed;
  const orders = `${p.orders.inBooks} of ${p.orders.total} order${p.orders.total === 1 ? "" : "s"} in the books`;
  const docs = `${settled} of ${p.documents.total} document${p.documents.total === 1 ? "" : "s"} sent`;
  const extra = p.documents.failed > 0 ? ` · ${p.documents.failed} failed` : "";
  // Both halves count: orders are gathered into documents first, then the documents are sent.
  const total = p.orders.total + p.documents.total;
  return {
    done: p.orders.inBooks + settled,
    total: total > 0 ? total : null,
    text: `${orders} · ${docs}${extra}`,
  };
}

/** The day range a summary period covers: a day, or a whole month. */
export function periodRange(periodKey: string): { from: string; to: string } {
  if (periodKey.length === 10) return { from: periodKey, to: periodKey };
  const [y, m] = periodKey.split("-").map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from: `${periodKey}-01`, to: `${periodKey}-${String(last).padStart(2, "0")}` };
}
