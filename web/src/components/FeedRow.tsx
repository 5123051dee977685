import { useEffect, useState } from "react";
import { api } from "../api.ts";
import { words } from "../format.ts";
import type { Feed, FeedExecution } from "../types.ts";
import { ErrorBox } from "./common.tsx";
import { CronPreview } from "./connection/CronPreview.tsx";
import { isActive, RunState } from "./sync/RunState.tsx";

/** One feed: enable switch, schedule editor with the schedule read back in words, last run and "Run now". */
export function FeedRow(props: {
  connectionId: string;
  feed: Feed;
  lastRun: FeedExecution | undefined;
  onChanged: () => void;
}) {
  const { feed, lastRun } = props;
  const [cron, setCron] = useState(feed.cron ?? "");
  // A saved (or elsewhere changed) schedule replaces what the input holds.
  useEffect(() => setCron(feed.cron ?? ""), [feed.cron]);
  const [error, setError] = useState<unknown>();
  const [note, setNote] = useState("");
  const path = `/api/v1/connections/${props.connectionId}/feeds/${feed.kind}`;
  const running = isActive(lastRun);
  const label = words(feed.kind);

  const act = async (work: () => Promise<string>) => {
    setError(undefined);
    setNote("");
    try {
      setNote(await work());
      props.onChanged();
    } catch (e) {
      setError(e);
    }
  };

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
            onChange={(e) =>
              act(async () => {
                await api.patch(path, { enabled: e.target.checked });
                return e.target.checked ? "Enabled" : "Disabled";
              })
            }
          />
          {feed.enabled ? "on" : "off"}
        </label>
      </td>
      <td className="schedule">
        <form
          className="inline"
          onSubmit={(e) => {
            e.preventDefault();
            void act(async () => {
              await api.patch(path, { cron: cron.trim() || null });
              return "Schedule saved";
            });
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
          onClick={() =>
            act(async () => {
              const run = await api.post<{ alreadyQueued: boolean }>(`${path}/run`, {});
              return run.alreadyQueued ? "Already queued" : "Started";
            })
          }
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
