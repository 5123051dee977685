import { api } from "../api.ts";
import { ErrorBox, Link, Loading, useLoad } from "../components/common.tsx";
import { FeedRow } from "../components/FeedRow.tsx";
import { ModeSwitch } from "../components/ModeSwitch.tsx";
import { RunsTable } from "../components/RunsTable.tsx";
import type { Connection, Feed, FeedRun, Page, Pending } from "../types.ts";

export function ConnectionPage(props: { id: string }) {
  const base = `/api/v1/connections/${props.id}`;
  const connection = useLoad(() => api.get<Connection>(base), `c-${props.id}`);
  const pending = useLoad(() => api.get<Pending>(`${base}/pending`, { limit: 1 }), `p-${props.id}`);
  const feeds = useLoad(() => api.get<{ items: Feed[] }>(`${base}/feeds`), `f-${props.id}`);
  const runs = useLoad(
    () => api.get<Page<FeedRun>>("/api/v1/feed-runs", { connectionId: props.id, limit: 25 }),
    `r-${props.id}`,
  );
  const c = connection.data;

  return (
    <>
      <p>
        <Link to="/connections">← Connections</Link>
      </p>
      <ErrorBox error={connection.error} />
      {!c && connection.loading && <Loading what="connection" />}
      {c && (
        <>
          <h1>{c.name}</h1>
          <p className="muted">
            {c.platform}
            {c.label ? ` · ${c.label}` : ""}
            {pending.data ? ` · ${pending.data.count} waiting to send` : ""}
          </p>
          <section className="card">
            <h2>Mode</h2>
            <ModeSwitch connection={c} onChanged={connection.reload} />
          </section>
        </>
      )}
      <section className="card">
        <h2>Feeds</h2>
        <ErrorBox error={feeds.error} />
        {feeds.data && (
          <table>
            <thead>
              <tr>
                <th>Feed</th>
                <th>Enabled</th>
                <th>Schedule (cron)</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {feeds.data.items.map((f) => (
                <FeedRow
                  key={`${f.kind}-${f.cron}`}
                  connectionId={props.id}
                  feed={f}
                  onChanged={() => {
                    feeds.reload();
                    runs.reload();
                  }}
                />
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section className="card">
        <h2>Feed executions</h2>
        <button type="button" className="link-button" onClick={runs.reload}>
          Refresh
        </button>
        <ErrorBox error={runs.error} />
        {runs.data && <RunsTable runs={runs.data.items} />}
      </section>
    </>
  );
}
