import { api } from "../api.ts";
import { Badge, ErrorBox, Link, Loading, useLoad } from "../components/common.tsx";
import { RunsTable } from "../components/RunsTable.tsx";
import type { Connection, FeedRun, Page, Pending } from "../types.ts";

type ConnectionHealth = Connection & { pending: Pending | null };

async function loadConnections(): Promise<ConnectionHealth[]> {
  const { items } = await api.get<{ items: Connection[] }>("/api/v1/connections");
  return Promise.all(
    items.map(async (c) => ({
      ...c,
      pending: await api.get<Pending>(`/api/v1/connections/${c.id}/pending`, { limit: 1 }).catch(() => null),
    })),
  );
}

export function Home() {
  const connections = useLoad(loadConnections, "home-connections");
  const runs = useLoad(() => api.get<Page<FeedRun>>("/api/v1/feed-runs", { limit: 10 }), "home-runs");

  return (
    <>
      <h1>Home</h1>
      <section className="card">
        <h2>Connections</h2>
        <ErrorBox error={connections.error} />
        {connections.loading && !connections.data && <Loading what="connections" />}
        {connections.data?.length === 0 && (
          <p>
            No platform is connected yet. <Link to="/connections">Connect your first store or books</Link>.
          </p>
        )}
        <div className="tiles">
          {connections.data?.map((c) => (
            <Link key={c.id} to={`/connections/${c.id}`} className="tile">
              <strong>{c.name}</strong>
              <span className="muted small">{c.platform}</span>
              <span>
                <Badge value={c.mode} />
              </span>
              <span className="small">
                {c.pending
                  ? `${c.pending.count} waiting to send${c.pending.retrying ? `, ${c.pending.retrying} retrying` : ""}`
                  : "queue unknown"}
              </span>
            </Link>
          ))}
        </div>
      </section>
      <section className="card">
        <h2>Recent feed runs</h2>
        <ErrorBox error={runs.error} />
        {runs.loading && !runs.data && <Loading what="feed runs" />}
        {runs.data && <RunsTable runs={runs.data.items} connections={connections.data} />}
      </section>
    </>
  );
}
