import { useQuery } from "@tanstack/react-query";
import { Fragment, useState } from "react";
import { client, unwrap } from "../../api/client.ts";
import { usePagedQuery } from "../../api/query.ts";
import type { QueryOf } from "../../api/types.ts";
import { dateTime, words } from "../../format.ts";
import { runErrorAdvice } from "../../sync-advice.ts";
import { Badge } from "../common.tsx";
import { ErrorBox } from "../ErrorBox.tsx";
import { isActive, orderedCounts, RunState } from "../sync/RunState.tsx";

const STATUSES = ["queued", "running", "succeeded", "partial", "failed", "blocked"];
const TRIGGERS = ["schedule", "manual", "webhook", "retry", "onboarding"];

function RunDetails(props: { id: string }) {
  const detail = useQuery({
    queryKey: ["feed-runs", "detail", props.id],
    queryFn: () => unwrap(client.GET("/api/v1/feed-runs/{id}", { params: { path: { id: props.id } } })),
  });
  const d = detail.data;
  if (detail.error) return <ErrorBox error={detail.error} />;
  if (!d) return <p className="muted">Loading details…</p>;
  const advice = runErrorAdvice(d.errorCode);
  return (
    <div className="run-details">
      <p className="small">
        Queued {dateTime(d.queuedAt)} · started {dateTime(d.startedAt)} · finished {dateTime(d.finishedAt)}
        {d.full ? " · full re-read" : ""}
      </p>
      {d.counts && (
        <p className="small">
          {orderedCounts(d.counts)
            .map(([k, n]) => `${words(k)}: ${n}`)
            .join(" · ")}
        </p>
      )}
      {d.error && (
        <p className="error small">
          {d.error}
          {advice && <span className="advice"> {advice}</span>}
        </p>
      )}
      {d.messages.length === 0 ? (
        <p className="muted small">No messages.</p>
      ) : (
        <ul className="messages">
          {d.messages.map((m) => (
            <li key={`${m.at}-${m.code}-${m.subject}`} className={`sev-${m.severity}`}>
              <Badge value={m.severity} /> {m.message}
              {m.subject && <span className="muted small"> ({m.subject})</span>}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** Feed executions with filters; a row opens to its counts and messages. */
export function ExecutionsTab(props: { connectionId: string }) {
  const [filter, setFilter] = useState({ feed: "", status: "", trigger: "", from: "", to: "", q: "" });
  const [open, setOpen] = useState<string | null>(null);
  const feeds = useQuery({
    queryKey: ["feeds", props.connectionId],
    queryFn: () =>
      unwrap(client.GET("/api/v1/connections/{id}/feeds", { params: { path: { id: props.connectionId } } })),
  });
  const query: Record<string, string> = { connectionId: props.connectionId };
  for (const [k, v] of Object.entries(filter)) if (v) query[k] = v;
  if (filter.to) query.to = `${filter.to}T23:59:59.999`;
  // The filters' values come from selects that offer the API's own values.
  const params = query as QueryOf<"listFeedRuns">;
  const runs = usePagedQuery(
    ["feed-runs", "paged", params],
    (cursor, signal) =>
      unwrap(
        client.GET("/api/v1/feed-runs", { params: { query: { ...params, limit: 25, cursor } }, signal }),
      ),
    // While a run is in progress its progress shows without a click.
    { refetchInterval: (items) => (items.some(isActive) ? 1500 : false) },
  );
  const set = (key: keyof typeof filter) => (value: string) => setFilter((f) => ({ ...f, [key]: value }));

  return (
    <section className="card">
      <h2>Feed executions</h2>
      <div className="filters">
        <select aria-label="Feed" value={filter.feed} onChange={(e) => set("feed")(e.target.value)}>
          <option value="">All feeds</option>
          {feeds.data?.items.map((f) => (
            <option key={f.kind} value={f.kind}>
              {words(f.kind)}
            </option>
          ))}
        </select>
        <select aria-label="Run status" value={filter.status} onChange={(e) => set("status")(e.target.value)}>
          <option value="">Any status</option>
          {STATUSES.map((s) => (
            <option key={s}>{s}</option>
          ))}
        </select>
        <select aria-label="Trigger" value={filter.trigger} onChange={(e) => set("trigger")(e.target.value)}>
          <option value="">Any trigger</option>
          {TRIGGERS.map((s) => (
            <option key={s}>{s}</option>
          ))}
        </select>
        <label className="inline-label">
          From <input type="date" value={filter.from} onChange={(e) => set("from")(e.target.value)} />
        </label>
        <label className="inline-label">
          To <input type="date" value={filter.to} onChange={(e) => set("to")(e.target.value)} />
        </label>
        <input
          type="search"
          aria-label="Search messages"
          placeholder="Search messages"
          value={filter.q}
          onChange={(e) => set("q")(e.target.value)}
        />
        <button type="button" className="link-button" onClick={runs.reload}>
          Refresh
        </button>
      </div>
      <ErrorBox error={runs.error} />
      {runs.items?.length === 0 && <p className="muted">No feed execution matches.</p>}
      {runs.items && runs.items.length > 0 && (
        <table aria-label="Feed executions">
          <thead>
            <tr>
              <th>Feed</th>
              <th>Trigger</th>
              <th>Result</th>
              <th>Queued</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {runs.items.map((run) => (
              <Fragment key={run.id}>
                <tr>
                  <td>{words(run.feedKind)}</td>
                  <td>{run.trigger}</td>
                  <td>
                    <RunState run={run} />
                    {run.error && <div className="error small">{run.error}</div>}
                  </td>
                  <td>{dateTime(run.queuedAt)}</td>
                  <td>
                    <button
                      type="button"
                      className="link-button"
                      aria-expanded={open === run.id}
                      aria-label={`Details of ${words(run.feedKind)} run`}
                      onClick={() => setOpen(open === run.id ? null : run.id)}
                    >
                      {open === run.id ? "Hide" : "Details"}
                    </button>
                  </td>
                </tr>
                {open === run.id && (
                  <tr className="details-row">
                    <td colSpan={5}>
                      <RunDetails id={run.id} />
                    </td>
                  </tr>
                )}
              </Fragment>
            ))}
          </tbody>
        </table>
      )}
      {runs.hasMore && (
        <button type="button" onClick={runs.more}>
          Load more
        </button>
      )}
      <RecentCompletions connectionId={props.connectionId} />
    </section>
  );
}

/** R-NOT-6: the five most recent job completions of this connection (the rest are in the notification centre). */
function RecentCompletions(props: { connectionId: string }) {
  const recent = useQuery({
    queryKey: ["connections", props.connectionId, "recent-runs"],
    queryFn: () =>
      unwrap(
        client.GET("/api/v1/connections/{id}/recent-runs", { params: { path: { id: props.connectionId } } }),
      ),
  });
  if (!recent.data || recent.data.items.length === 0) return null;
  return (
    <>
      <h3>Last job completions</h3>
      <ul className="messages">
        {recent.data.items.map((n) => (
          <li key={n.id}>
            {n.title} <span className="muted small">{dateTime(n.createdAt)}</span>
            <div className="small">{n.body}</div>
          </li>
        ))}
      </ul>
    </>
  );
}
