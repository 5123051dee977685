import { api } from "../../api.ts";
import { dateTime } from "../../format.ts";
import type { PendingQueue } from "../../types.ts";
import { ErrorBox, Loading, useLoad } from "../common.tsx";

export function ageText(seconds: number | null): string {
  if (seconds === null) return "—";
  if (seconds < 90) return `${seconds} s`;
  if (seconds < 5400) return `${Math.round(seconds / 60)} min`;
  if (seconds < 172_800) return `${Math.round(seconds / 3600)} h`;
  return `${Math.round(seconds / 86_400)} days`;
}

/** Outbound work waiting for the platform (R-SYNC-7): counts, age, and the items themselves. */
export function PendingTab(props: { connectionId: string }) {
  const queue = useLoad(
    () => api.get<PendingQueue>(`/api/v1/connections/${props.connectionId}/pending`, { limit: 200 }),
    `pending-${props.connectionId}`,
  );
  const q = queue.data;
  return (
    <section className="card">
      <h2>Pending queue</h2>
      <ErrorBox error={queue.error} />
      {!q && queue.loading && <Loading what="the queue" />}
      {q && (
        <>
          <p>
            <strong>{q.count}</strong> waiting to send
            {q.retrying > 0 && <>, {q.retrying} retrying after an error</>} · oldest{" "}
            {ageText(q.oldestAgeSeconds)}{" "}
            <button type="button" className="link-button" onClick={queue.reload}>
              Refresh
            </button>
          </p>
          <p className="muted small">
            Stock changes and shipping confirmations wait here until the platform accepts them; the queue
            drains as fast as the platform's rate limit allows and empties by itself.
          </p>
          {q.items.length > 0 && (
            <table aria-label="Pending items">
              <thead>
                <tr>
                  <th>What</th>
                  <th>SKU / subject</th>
                  <th className="num">Attempts</th>
                  <th>Last error</th>
                  <th>Queued</th>
                  <th>Next try</th>
                </tr>
              </thead>
              <tbody>
                {q.items.map((i) => (
                  <tr key={`${i.kind}-${i.subjectId}`}>
                    <td>{i.kind === "stock" ? "Stock quantity" : "Shipping confirmation"}</td>
                    <td>{i.sku ?? i.subjectId}</td>
                    <td className="num">{i.attempts}</td>
                    <td className="small">{i.lastError ?? ""}</td>
                    <td>{dateTime(i.enqueuedAt)}</td>
                    <td>{dateTime(i.nextAttemptAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  );
}
