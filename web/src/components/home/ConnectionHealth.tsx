import { useQuery } from "@tanstack/react-query";
import { client, unwrap } from "../../api/client.ts";
import type { Connection, FeedExecution, Pending, SyncStall } from "../../api/types.ts";
import { dateTime, words } from "../../format.ts";
import { Badge, Link, Loading } from "../common.tsx";
import { ageText } from "../connection/PendingTab.tsx";
import { ErrorBox } from "../ErrorBox.tsx";
import { progressText } from "../sync/RunState.tsx";

type Health = {
  connection: Connection;
  lastRun: FeedExecution | undefined;
  failedToday: number;
  needsAttention: number;
  pending: Pending | null;
};

const DAY_MS = 86_400_000;

async function loadHealth(): Promise<Health[]> {
  const { items } = await unwrap(client.GET("/api/v1/connections"));
  const since = new Date(Date.now() - DAY_MS).toISOString();
  return Promise.all(
    items.map(async (connection) => {
      const id = connection.id;
      const [runs, failed, issues, pending] = await Promise.all([
        unwrap(client.GET("/api/v1/feed-runs", { params: { query: { connectionId: id, limit: 1 } } })),
        unwrap(
          client.GET("/api/v1/feed-runs", {
            params: {
              query: {
                connectionId: id,
                status: "failed",
                from: since,
                limit: 100,
              },
            },
          }),
        ),
        unwrap(
          client.GET("/api/v1/sync/issues", {
            params: {
              query: {
                connectionId: id,
                severity: "error",
                limit: 100,
              },
            },
          }),
        ),
        unwrap(
          client.GET("/api/v1/connections/{id}/pending", { params: { path: { id }, query: { limit: 1 } } }),
        ).catch(() => null),
      ]);
      return {
        connection,
        lastRun: runs.items[0],
        failedToday: failed.items.length,
        needsAttention: issues.items.length,
        pending,
      };
    }),
  );
}

const atMost = (n: number) => (n >= 100 ? "100+" : String(n));
/** The stall alarm's reading is live; a Home left open shows a new stall within this. */
const STALL_REFRESH_MS = 30_000;

async function loadStalls(): Promise<Map<string, SyncStall>> {
  const { items } = await unwrap(client.GET("/api/v1/sync/health"));
  return new Map(items.flatMap((h) => (h.stall ? [[h.connectionId, h.stall] as const] : [])));
}

/**
 * One tile per connection: mode, last run, failures in the last day, items needing a person, queue.
 * A stalled connection (the hub's stall alarm) is drawn in red with what waits and why.
 */
export function ConnectionHealth() {
  const health = useQuery({ queryKey: ["home-health"], queryFn: loadHealth });
  // A stall can start or clear while the home page is open: read it again every few seconds.
  const stalls = useQuery({
    queryKey: ["home-stalls"],
    queryFn: loadStalls,
    refetchInterval: STALL_REFRESH_MS,
  });
  return (
    <section className="card" aria-label="Connection health">
      <h2>Connections</h2>
      <ErrorBox error={health.error} />
      {health.isFetching && !health.data && <Loading what="connections" />}
      {health.data?.length === 0 && (
        <p>
          No platform is connected yet. <Link to="/connections">Connect your first store or books</Link>.
        </p>
      )}
      <div className="tiles">
        {health.data?.map(({ connection: c, lastRun, failedToday, needsAttention, pending }) => {
          const bad = failedToday > 0 || needsAttention > 0;
          const stall = stalls.data?.get(c.id);
          return (
            <Link
              key={c.id}
              to={`/connections/${c.id}`}
              className={`tile ${stall ? "tile-stalled" : bad ? "tile-bad" : ""}`}
            >
              <strong>{c.name}</strong>
              <span className="muted small">
                {c.platform} <Badge value={c.mode} />
              </span>
              {stall && (
                <span className="small sev-error">
                  <strong>Stalled:</strong> {stall.waiting} waiting, oldest{" "}
                  {Math.floor(stall.oldestSeconds / 60)} min — {stall.detail}
                </span>
              )}
              <span className="small">
                {lastRun ? (
                  <>
                    Last run: {words(lastRun.feedKind)} <Badge value={lastRun.status} />
                    {lastRun.status === "running"
                      ? progressText(lastRun)
                      : dateTime(lastRun.finishedAt ?? lastRun.queuedAt)}
                  </>
                ) : (
                  "No feed has run yet"
                )}
              </span>
              <span className={`small ${failedToday > 0 ? "sev-error" : ""}`}>
                {failedToday === 0 ? "No failed runs in 24 h" : `${atMost(failedToday)} failed runs in 24 h`}
              </span>
              {(needsAttention > 0 || !stall) && (
                <span className={`small ${needsAttention > 0 ? "sev-error" : ""}`}>
                  {needsAttention === 0
                    ? "Nothing needs attention"
                    : `${atMost(needsAttention)} need attention`}
                </span>
              )}
              <span className="small">
                {pending
                  ? `${pending.count} waiting to send${pending.retrying ? `, ${pending.retrying} retrying` : ""}${
                      pending.count > 0 ? ` (oldest ${ageText(pending.oldestAgeSeconds)})` : ""
                    }`
                  : "queue unknown"}
              </span>
            </Link>
          );
        })}
      </div>
    </section>
  );
}
