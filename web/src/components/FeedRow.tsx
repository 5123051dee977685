import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { client, unwrap } from "../api/client.ts";
import type { Body, Feed, FeedExecution, FeedKind } from "../api/types.ts";
import { words } from "../format.ts";
import { CronPreview } from "./connection/CronPreview.tsx";
import { ErrorBox } from "./ErrorBox.tsx";
import { isActive, RunState } from "./sync/RunState.tsx";

/** One feed: enable switch, schedule editor with the schedule read back in words, last run and "Run now". */
export function FeedRow(props: { connectionId: string; feed: Feed; lastRun: FeedExecution | undefined }) {
  const { feed, lastRun } = props;
  const [cron, setCron] = useState(feed.cron ?? "");
  // A saved (or elsewhere changed) schedule replaces what the input holds.
  useEffect(() => setCron(feed.cron ?? ""), [feed.cron]);
  const [note, setNote] = useState("");
  const running = isActive(lastRun);
  const label = words(feed.kind);
  const queries = useQueryClient();
  const params = { path: { id: props.connectionId, kind: feed.kind as FeedKind } };
  // A change or a run shows in the feed list and the runs, which are read again.
  const settled = (done: string) => {
    setNote(done);
    void queries.invalidateQueries({ queryKey: ["feeds", props.connectionId] });
    void queries.invalidateQueries({ queryKey: ["feed-runs"] });
  };
  const update = useMutation({
    mutationFn: (change: Body<"updateFeed">) =>
      unwrap(client.PATCH("/api/v1/connections/{id}/feeds/{kind}", { params, body: change })),
    onMutate: () => setNote(""),
    onSuccess: (_feed, change) =>
      settled(change.enabled === undefined ? "Schedule saved" : change.enabled ? "Enabled" : "Disabled"),
  });
  const run = useMutation({
    mutationFn: () => unwrap(client.POST("/api/v1/connections/{id}/feeds/{kind}/run", { params, body: {} })),
    onMutate: () => setNote(""),
    onSuccess: (queued) => settled(queued.alreadyQueued ? "Already queued" : "Started"),
  });
  const error = update.error ?? run.error;

  return (
    <tr aria-label={label}>
      <td>
        {label}
        <div className="muted small">
          {feed.direction === "outbound" ? "sends to the platform" : "reads from it"}
        </div>
      </td>
      <td>
        <label className="switch">
          <input
            type="checkbox"
            aria-label={`${label} enabled`}
            checked={feed.enabled}
            onChange={(e) => {
              run.reset();
              update.mutate({ enabled: e.target.checked });
            }}
          />
          {feed.enabled ? "on" : "off"}
        </label>
      </td>
      <td className="schedule">
        <form
          className="inline"
          onSubmit={(e) => {
            e.preventDefault();
            run.reset();
            update.mutate({ cron: cron.trim() || null });
          }}
        >
          <input
            aria-label={`Schedule of ${label}`}
            value={cron}
            placeholder="no schedule"
            onChange={(e) => setCron(e.target.value)}
            size={14}
          />
          <button type="submit" disabled={cron.trim() === (feed.cron ?? "")}>
            Save
          </button>
        </form>
        <CronPreview cron={cron} timezone={feed.timezone} outbound={feed.direction === "outbound"} />
      </td>
      <td>{lastRun ? <RunState run={lastRun} /> : <span className="muted small">never run</span>}</td>
      <td className="actions">
        <button
          type="button"
          disabled={running}
          onClick={() => {
            update.reset();
            run.mutate();
          }}
        >
          {running ? "Running…" : "Run now"}
        </button>
        {note && (
          <span className="muted small" role="status">
            {" "}
            {note}
          </span>
        )}
        <ErrorBox error={error} />
      </td>
    </tr>
  );
}
