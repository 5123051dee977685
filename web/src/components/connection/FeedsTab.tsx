import { api } from "../../api.ts";
import type { Feed, FeedExecution, Page } from "../../types.ts";
import { ErrorBox, Loading, useLoad } from "../common.tsx";
import { FeedRow } from "../FeedRow.tsx";
import { isActive } from "../sync/RunState.tsx";
import { usePoll } from "../sync/usePoll.ts";

/** The connection's feeds with their schedules, the latest run of each, and Run now. */
export function FeedsTab(props: { connectionId: string }) {
  const base = `/api/v1/connections/${props.connectionId}`;
  const feeds = useLoad(() => api.get<{ items: Feed[] }>(`${base}/feeds`), `feeds-${props.connectionId}`);
  const runs = useLoad(
    () => api.get<Page<FeedExecution>>("/api/v1/feed-runs", { connectionId: props.connectionId, limit: 50 }),
    `feed-runs-${props.connectionId}`,
  );
  const latest = new Map<string, FeedExecution>();
  for (const run of runs.data?.items ?? []) if (!latest.has(run.feedKind)) latest.set(run.feedKind, run);
  usePoll(runs.reload, [...latest.values()].some(isActive));

  return (
    <section className="card">
      <h2>Feeds</h2>
      <p className="muted small">
        Schedules are cron expressions in the feed's time zone; each is read back in words as you type.
      </p>
      <ErrorBox error={feeds.error ?? runs.error} />
      {!feeds.data && feeds.loading && <Loading what="feeds" />}
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
              <FeedRow
                key={f.kind}
                connectionId={props.connectionId}
                feed={f}
                lastRun={latest.get(f.kind)}
                onChanged={() => {
                  feeds.reload();
                  runs.reload();
                }}
              />
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
