import { api } from "../../api.ts";
import { dateTime } from "../../format.ts";
import type { Connection, ModeChange, Page } from "../../types.ts";
import { ErrorBox, useLoad } from "../common.tsx";
import { IssuesList } from "../sync/IssuesList.tsx";
import { SyncLogTable } from "../sync/SyncLogTable.tsx";

type Drift = {
  id: number;
  sku: string;
  hubQuantity: number;
  platformQuantity: number;
  lastWriter: "hub" | "outside" | "unknown";
  corrected: boolean;
  createdAt: string;
};

const writer = {
  hub: "last set by Stockwire",
  outside: "changed on the platform",
  unknown: "origin unknown",
};

/** Everything that happened on this connection: problems, per-SKU results, stock check differences, mode changes. */
export function LogsTab(props: { connection: Connection }) {
  const c = props.connection;
  const history = useLoad(
    () => api.get<{ items: ModeChange[] }>(`/api/v1/connections/${c.id}/mode-history`),
    `mode-history-${c.id}-${c.mode}`,
  );
  const drift = useLoad(
    () => api.get<Page<Drift>>(`/api/v1/connections/${c.id}/drift`, { limit: 50 }),
    `drift-${c.id}`,
  );
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
