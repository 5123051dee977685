import { useQuery } from "@tanstack/react-query";
import { client, unwrap } from "../../api/client.ts";
import type { FeedExecution } from "../../api/types.ts";
import { Loading } from "../common.tsx";
import { ErrorBox } from "../ErrorBox.tsx";
import { FeedRow } from "../FeedRow.tsx";
import { isActive } from "../sync/RunState.tsx";

/** The connection's feeds with their schedules, the latest run of each, and Run now. */
export function FeedsTab(props: { connectionId: string }) {
  const id = props.connectionId;
  const feeds = useQuery({
    queryKey: ["feeds", id],
    queryFn: () => unwrap(client.GET("/api/v1/connections/{id}/feeds", { params: { path: { id } } })),
  });
  const runs = useQuery({
    queryKey: ["feed-runs", { connectionId: id, limit: 50 }],
    queryFn: () =>
      unwrap(client.GET("/api/v1/feed-runs", { params: { query: { connectionId: id, limit: 50 } } })),
    // While a run is in progress its progress shows without a click.
    refetchInterval: (q) => (latestRuns(q.state.data?.items).some(isActive) ? 1500 : false),
  });
  const latest = new Map(latestRuns(runs.data?.items).map((run) => [run.feedKind, run]));

  return (
    <section className="card">
      <h2>Feeds</h2>
      <p className="muted small">
        Schedules are cron expressions in the feed's time zone; each is read back in words as you type.
      </p>
      <ErrorBox error={feeds.error ?? runs.error} />
      {!feeds.data && feeds.isFetching && <Loading what="feeds" />}
      {feeds.data && (
        <table aria-label="Feeds">
          <thead>
            <tr>
              <th>Feed</th>
              <th>Enabled</th>
              <th>Schedule</th>
              <th>Last run</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {feeds.data.items.map((f) => (
              <FeedRow key={f.kind} connectionId={props.connectionId} feed={f} lastRun={latest.get(f.kind)} />
            ))}
          </tbody>
        </table>
      )}
      {feeds.data && !feeds.data.items.some((f) => f.kind === "stock-export") && (
        <p className="muted small">
          This platform takes no stock from the hub: it is an order and shipment source, so it has no stock
          feeds.
        </p>
      )}
    </section>
  );
}

/** The newest run of each feed (the list is newest first). */
function latestRuns(items: FeedExecution[] | undefined): FeedExecution[] {
  const seen = new Map<string, FeedExecution>();
  for (const run of items ?? []) if (!seen.has(run.feedKind)) seen.set(run.feedKind, run);
  return [...seen.values()];
}
