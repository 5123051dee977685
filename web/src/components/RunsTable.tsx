import type { Connection, FeedRun } from "../api/types.ts";
import { dateTime, words } from "../format.ts";
import { Badge } from "./common.tsx";

function countsText(counts: FeedRun["counts"]): string {
  if (!counts) return "";
  return Object.entries(counts)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${n} ${k}`)
    .join(", ");
}

/** Feed executions, newest first. */
export function RunsTable(props: { runs: FeedRun[]; connections?: Connection[] }) {
  if (props.runs.length === 0) return <p className="muted">No feed has run yet.</p>;
  const nameOf = (id: string) => props.connections?.find((c) => c.id === id)?.name ?? "";
  return (
    <table>
      <thead>
        <tr>
          <th>Feed</th>
          {props.connections && <th>Connection</th>}
          <th>Trigger</th>
          <th>Status</th>
          <th>Counts</th>
          <th>Queued</th>
          <th>Finished</th>
        </tr>
      </thead>
      <tbody>
        {props.runs.map((run) => (
          <tr key={run.id}>
            <td>{words(run.feedKind)}</td>
            {props.connections && <td>{nameOf(run.connectionId)}</td>}
            <td>{run.trigger}</td>
            <td>
              <Badge value={run.status} />
              {run.error && <div className="error small">{run.error}</div>}
            </td>
            <td className="small">{countsText(run.counts)}</td>
            <td>{dateTime(run.queuedAt)}</td>
            <td>{dateTime(run.finishedAt)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
