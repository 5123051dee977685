import { useQuery } from "@tanstack/react-query";
import { client, unwrap } from "../../api/client.ts";
import { dateTime } from "../../format.ts";
import { Loading } from "../common.tsx";
import { ErrorBox } from "../ErrorBox.tsx";

export function ageText(seconds: number | null): string {
  if (seconds === null) return "—";
  if (seconds < 90) return `${seconds} s`;
  if (seconds < 5400) return `${Math.round(seconds / 60)} min`;
  if (seconds < 172_800) return `${Math.round(seconds / 3600)} h`;
  return `${Math.round(seconds / 86_400)} days`;
}

/** Outbound work waiting for the platform (R-SYNC-7): counts, age, and the items themselves. */
export function PendingTab(props: { connectionId: string }) {
  const queue = useQuery({
    queryKey: ["connections", props.connectionId, "pending", 200],
    queryFn: () =>
      unwrap(
        client.GET("/api/v1/connections/{id}/pending", {
          params: { path: { id: props.connectionId }, query: { limit: 200 } },
        }),
      ),
  });
  const q = queue.data;
  return (
    <section className="card">
      <h2>Pending queue</h2>
      <ErrorBox error={queue.error} />
      {!q && queue.isFetching && <Loading what="the queue" />}
      {q && (
        <>
          <p>
            <strong>{q.count}</strong> waiting to send
            {q.retrying > 0 && <>, {q.retrying} retrying after an error</>} · oldest{" "}
            {ageText(q.oldestAgeSeconds)}{" "}
            <button type="button" className="link-button" onClick={() => void queue.refetch()}>
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
