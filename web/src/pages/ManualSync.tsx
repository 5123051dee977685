import { useQueries } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { client, unwrap } from "../api/client.ts";
import type { BooksSyncProgress, BooksSyncResult, OrderSettings, SyncPreset } from "../api/types.ts";
import { explainBooksError } from "../components/books/books-advice.ts";
import { Progress } from "../components/books/Progress.tsx";
import { ORDERS_TABS, SubNav } from "../components/books/SubNav.tsx";
import {
  describeProgress,
  type ProgressQuery,
  useBooksProgress,
} from "../components/books/useBooksProgress.ts";
import { useConnections } from "../components/books/useConnections.ts";
import { Link } from "../components/common.tsx";
import { ErrorBox } from "../components/ErrorBox.tsx";

const PRESETS: { value: SyncPreset | "custom"; label: string }[] = [
  { value: "current-week", label: "Current week" },
  { value: "current-month", label: "Current month" },
  { value: "last-month", label: "Last month" },
  { value: "last-quarter", label: "Last quarter" },
  { value: "custom", label: "Custom range" },
];

const SETTLE_MS = 60_000;
const unsettled = (p: BooksSyncProgress) => p.documents.pending + p.documents.posting;

/**
 * The background poster may hold some of the range's documents when the sync answers (the sync
 * then counts them as skipped): wait, reading progress, until none is pending or being posted.
 */
async function settled(query: ProgressQuery): Promise<BooksSyncProgress | null> {
  const until = Date.now() + SETTLE_MS;
  for (;;) {
    const p = await unwrap(client.GET("/api/v1/books/sync/progress", { params: { query } })).catch(
      () => null,
    );
    if (!p || unsettled(p) === 0 || Date.now() > until) return p;
    await new Promise((resolve) => setTimeout(resolve, 700));
  }
}

const OUTCOMES: [keyof BooksSyncResult["outcomes"], string][] = [
  ["posted", "posted"],
  ["preview", "previewed (shadow mode)"],
  ["failed", "failed"],
  ["blocked", "held (test mode)"],
  ["skipped", "already in the books (or sent by the background poster)"],
];

/** R-ORD-5: post a range of one channel's sales and refunds to its books connection now. */
export function ManualSync() {
  const connections = useConnections();
  const [connectionId, setConnectionId] = useState("");
  const [preset, setPreset] = useState<SyncPreset | "custom">("last-month");
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  const [running, setRunning] = useState<ProgressQuery | null>(null);
  const [result, setResult] = useState<BooksSyncResult | null>(null);
  const [final, setFinal] = useState<BooksSyncProgress | null>(null);
  const [error, setError] = useState<unknown>();
  const watch = useBooksProgress(running);

  // Which books connection each channel posts to, so the picker can say it (a books connection
  // itself has no order settings and simply posts nowhere).
  const orderSettings = useQueries({
    queries: connections.items.map((c) => ({
      queryKey: ["order-settings", c.id],
      queryFn: () =>
        unwrap(client.GET("/api/v1/connections/{id}/order-settings", { params: { path: { id: c.id } } })),
      retry: false,
    })),
  });
  const settings: Record<string, OrderSettings> = Object.fromEntries(
    orderSettings.flatMap((q) => (q.data ? [[q.data.connectionId, q.data] as const] : [])),
  );

  const posting = connections.items.filter((c) => settings[c.id]?.booksConnectionId);
  const other = connections.items.filter((c) => !settings[c.id]?.booksConnectionId);
  const chosen = connectionId || posting[0]?.id || "";

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!chosen) return;
    const range = preset === "custom" ? { from, to } : { preset };
    const query = { connectionId: chosen, ...range };
    setError(undefined);
    setResult(null);
    setFinal(null);
    watch.reset();
    setRunning(query);
    try {
      const done = await unwrap(client.POST("/api/v1/books/sync", { body: query }));
      setFinal(await settled(query));
      setResult(done);
    } catch (err) {
      setError(err);
    } finally {
      setRunning(null);
    }
  };

  const shown = describeProgress(watch.progress);
  return (
    <>
      <h1>Orders</h1>
      <SubNav label="Orders" items={ORDERS_TABS} />
      <section className="card">
        <h2>Manual sync to the books</h2>
        <p className="muted">
          Posts a period's sales and refunds of one channel to its books connection. Safe to repeat: an order
          already in the books is never posted twice. In summary mode, one summary per day of the range.
        </p>
        <form className="form" aria-label="Manual sync" onSubmit={submit}>
          <label>
            Channel
            <select value={chosen} onChange={(e) => setConnectionId(e.target.value)}>
              {posting.length === 0 && <option value="">No channel posts to the books yet</option>}
              {posting.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name} → {connections.nameOf(settings[c.id]?.booksConnectionId)}
                </option>
              ))}
              {other.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name} (posts nowhere)
                </option>
              ))}
            </select>
          </label>
          <fieldset className="segmented" aria-label="Period">
            {PRESETS.map((p) => (
              <label key={p.value} className="switch">
                <input
                  type="radio"
                  name="preset"
                  value={p.value}
                  checked={preset === p.value}
                  onChange={() => setPreset(p.value)}
                />
                {p.label}
              </label>
            ))}
          </fieldset>
          {preset === "custom" && (
            <div className="row">
              <label className="switch">
                From <input type="date" required value={from} onChange={(e) => setFrom(e.target.value)} />
              </label>
              <label className="switch">
                to <input type="date" required value={to} onChange={(e) => setTo(e.target.value)} />
              </label>
              <span className="muted small">Up to four months per batch.</span>
            </div>
          )}
          <button type="submit" className="primary" disabled={!chosen || running !== null}>
            {running ? "Syncing…" : "Sync to the books"}
          </button>
        </form>
        {connections.items.length > 0 && posting.length === 0 && (
          <p className="notice">
            No channel posts its sales to the books yet. Open a channel on the{" "}
            <Link to="/connections">Connections</Link> page and choose a books connection in its Order
            settings.
          </p>
        )}
        {running && <Progress label="Manual sync progress" {...shown} />}
        <ErrorBox error={error} explain={explainBooksError} />
        {result && <SyncDone result={result} progressText={final ? describeProgress(final).text : null} />}
      </section>
    </>
  );
}

function SyncDone(props: { result: BooksSyncResult; progressText: string | null }) {
  const r = props.result;
  const counts = OUTCOMES.flatMap(([k, label]) => {
    const count = r.outcomes[k] ?? 0;
    return count > 0 ? [`${count} ${label}`] : [];
  });
  return (
    <div className="notice" role="status" aria-label="Sync result">
      <Progress label="Manual sync progress" done={1} total={1} text={props.progressText ?? "Finished."} />
      <p>
        <strong>
          Sync finished for {r.from} to {r.to}.
        </strong>{" "}
        {counts.length > 0 ? `${counts.join(", ")}.` : "Nothing to post in this range."}
      </p>
      {r.mode === "test" && (
        <p>
          The books connection is in test mode, so nothing was sent. Switch it to shadow or live on the{" "}
          <Link to="/connections">Connections</Link> page to post.
        </p>
      )}
      {r.outcomes.failed > 0 && (
        <p>
          Some documents failed — usually a SKU with no item in QuickBooks. See the books connection's issues,
          fix the cause, then sync the range again (what is already posted stays as it is).
        </p>
      )}
      {r.periods.length > 0 && <p className="muted small">Summarised periods: {r.periods.join(", ")}</p>}
    </div>
  );
}
