import { useQuery } from "@tanstack/react-query";
import { client, unwrap } from "../../api/client.ts";
import type { Connection } from "../../api/types.ts";
import { dateTime } from "../../format.ts";
import { ErrorBox } from "../ErrorBox.tsx";
import { IssuesList } from "../sync/IssuesList.tsx";
import { SyncLogTable } from "../sync/SyncLogTable.tsx";

const writer = {
  hub: "last set by Stockwire",
  outside: "changed on the platform",
  unknown: "origin unknown",
};

/** Everything that happened on this connection: problems, per-SKU results, stock check differences, mode changes. */
export function LogsTab(props: { connection: Connection }) {
  const c = props.connection;
  const history = useQuery({
    queryKey: ["connections", c.id, "mode-history", c.mode],
    queryFn: () =>
      unwrap(client.GET("/api/v1/connections/{id}/mode-history", { params: { path: { id: c.id } } })),
  });
  const drift = useQuery({
    queryKey: ["connections", c.id, "drift"],
    queryFn: () =>
      unwrap(
        client.GET("/api/v1/connections/{id}/drift", {
          params: { path: { id: c.id }, query: { limit: 50 } },
        }),
      ),
  });
  return (
    <>
      <IssuesList connectionId={c.id} />
      <SyncLogTable connections={[c]} connectionId={c.id} />
      <section className="card">
        <h2>Stock check differences</h2>
        <ErrorBox error={drift.error} />
        {drift.data?.items.length === 0 && (
          <p className="muted">The latest stock checks found no difference.</p>
        )}
        {drift.data && drift.data.items.length > 0 && (
          <table aria-label="Stock check differences">
            <thead>
              <tr>
                <th>SKU</th>
                <th className="num">Stockwire</th>
                <th className="num">{c.name}</th>
                <th>Why</th>
                <th>Found</th>
              </tr>
            </thead>
            <tbody>
              {drift.data.items.map((d) => (
                <tr key={d.id}>
                  <td>{d.sku}</td>
                  <td className="num">{d.hubQuantity}</td>
                  <td className="num">{d.platformQuantity}</td>
                  <td className="small">
                    {writer[d.lastWriter]}
                    {d.corrected ? " · corrected" : ""}
                  </td>
                  <td>{dateTime(d.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section className="card">
        <h2>Mode changes</h2>
        <ErrorBox error={history.error} />
        {history.data?.items.length === 0 && <p className="muted">Still in its first mode (test).</p>}
        <ul className="messages">
          {history.data?.items.map((h) => (
            <li key={h.at}>
              {h.from} → <strong>{h.to}</strong> by {h.actor ?? "the hub"}{" "}
              <span className="muted small">{dateTime(h.at)}</span>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
