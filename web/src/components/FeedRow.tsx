import { useState } from "react";
import { api } from "../api.ts";
import { dateTime, words } from "../format.ts";
import type { Feed } from "../types.ts";
import { ErrorBox } from "./common.tsx";

/** One feed: schedule (cron), enable toggle and "Run now". */
export function FeedRow(props: { connectionId: string; feed: Feed; onChanged: () => void }) {
  const { feed } = props;
  const [cron, setCron] = useState(feed.cron ?? "");
  const [error, setError] = useState<unknown>();
  const [note, setNote] = useState("");
  const path = `/api/v1/connections/${props.connectionId}/feeds/${feed.kind}`;

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
    <tr>
      <td>
        {words(feed.kind)}
        <div className="muted small">{feed.direction}</div>
      </td>
      <td>
        <label className="switch">
          <input
            type="checkbox"
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
      <td>
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
            aria-label={`Schedule of ${feed.kind}`}
            value={cron}
            placeholder="no schedule"
            onChange={(e) => setCron(e.target.value)}
            size={14}
          />
          <button type="submit" disabled={cron === (feed.cron ?? "")}>
            Save
          </button>
        </form>
        <div className="muted small">
          {feed.timezone} · next {dateTime(feed.nextRunAt)}
        </div>
      </td>
      <td>
        <button
          type="button"
          onClick={() =>
            act(async () => {
              const run = await api.post<{ alreadyQueued: boolean }>(`${path}/run`, {});
              return run.alreadyQueued ? "Already queued" : "Queued";
            })
          }
        >
          Run now
        </button>
        {note && <span className="muted small"> {note}</span>}
        <ErrorBox error={error} />
      </td>
    </tr>
  );
}
