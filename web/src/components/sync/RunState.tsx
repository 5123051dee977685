import type { FeedExecution } from "../../api/types.ts";
import { dateTime } from "../../format.ts";
import { Badge } from "../common.tsx";

export const isActive = (run: { status: string } | undefined) =>
  run?.status === "queued" || run?.status === "running";

/** "12 / ~40" while a run is going: done so far and the platform's estimate of the total. */
export function progressText(run: FeedExecution): string {
  const p = run.progress;
  if (!p) return run.status === "queued" ? "waiting to start" : "starting";
  return p.total ? `${p.done} / ~${p.total}` : `${p.done} done`;
}

const COUNT_ORDER = [
  "imported",
  "historical",
  "historicalRefunds",
  "new",
  "updated",
  "archived",
  "skipped",
  "failed",
];

/** How a count reads in a sentence, where its key is not already a word. */
const COUNT_LABELS: Record<string, string> = {
  historical: "of them historical",
  historicalRefunds: "historical refunds",
};

/** Counts in a fixed reading order (the database does not keep the keys' order). */
export function orderedCounts(counts: Record<string, number>): [string, number][] {
  const rank = (k: string) => (COUNT_ORDER.includes(k) ? COUNT_ORDER.indexOf(k) : COUNT_ORDER.length);
  return Object.entries(counts).sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b));
}

export function countsText(counts: Record<string, number> | null): string {
  if (!counts) return "";
  const parts = orderedCounts(counts)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${n} ${COUNT_LABELS[k] ?? k}`);
  return parts.length > 0 ? parts.join(", ") : "nothing to do";
}

/** A run's status with live progress while it runs and counts once it is done. */
export function RunState(props: { run: FeedExecution }) {
  const { run } = props;
  const active = isActive(run);
  const p = run.progress;
  return (
    <span className="run-state">
      <Badge value={run.status} />
      {active && (
        <span className="small" aria-live="polite">
          {p?.total ? <progress value={p.done} max={p.total} /> : null} {progressText(run)}
        </span>
      )}
      {!active && <span className="small">{countsText(run.counts)}</span>}
      {!active && run.finishedAt && <span className="muted small"> · {dateTime(run.finishedAt)}</span>}
    </span>
  );
}
