import { useState } from "react";
import { client, unwrap } from "../../api/client.ts";
import { usePagedQuery } from "../../api/query.ts";
import type { Connection, QueryOf } from "../../api/types.ts";
import { dateTime } from "../../format.ts";
import { Badge } from "../common.tsx";
import { ErrorBox } from "../ErrorBox.tsx";

const EMPTY = { connectionId: "", sku: "", status: "", severity: "", from: "", to: "" };

/** Per-SKU results (R-SYNC-5): the last push and pull per SKU and connection, filterable. */
export function SyncLogTable(props: { connections: Connection[]; connectionId?: string }) {
  const [filter, setFilter] = useState({ ...EMPTY, connectionId: props.connectionId ?? "" });
  const query: Record<string, string> = {};
  for (const [k, v] of Object.entries(filter)) if (v.trim()) query[k] = v.trim();
  if (filter.to) query.to = `${filter.to}T23:59:59.999`;
  // The filters' values come from the selects and inputs that offer the API's own values.
  const params = query as QueryOf<"listSyncLog">;
  const log = usePagedQuery(["sync-log", params], (cursor, signal) =>
    unwrap(client.GET("/api/v1/sync-log", { params: { query: { ...params, limit: 50, cursor } }, signal })),
  );
  const set = (key: keyof typeof EMPTY) => (value: string) => setFilter((f) => ({ ...f, [key]: value }));
  const nameOf = (id: string) => props.connections.find((c) => c.id === id)?.name ?? id;

  return (
    <section className="card">
      <h2>Per-SKU sync results</h2>
      <div className="filters">
        {!props.connectionId && (
          <select
            aria-label="Connection"
            value={filter.connectionId}
            onChange={(e) => set("connectionId")(e.target.value)}
          >
            <option value="">All connections</option>
            {props.connections.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        )}
        <input
          type="search"
          aria-label="SKU"
          placeholder="SKU"
          value={filter.sku}
          onChange={(e) => set("sku")(e.target.value)}
        />
        <select aria-label="Result" value={filter.status} onChange={(e) => set("status")(e.target.value)}>
          <option value="">Any result</option>
          <option value="ok">ok</option>
          <option value="failed">failed</option>
          <option value="skipped">skipped</option>
        </select>
        <select
          aria-label="Severity"
          value={filter.severity}
          onChange={(e) => set("severity")(e.target.value)}
        >
          <option value="">Any severity</option>
          <option value="info">info</option>
          <option value="retry">retry</option>
          <option value="error">error</option>
        </select>
        <label className="inline-label">
          From <input type="date" value={filter.from} onChange={(e) => set("from")(e.target.value)} />
        </label>
        <label className="inline-label">
          To <input type="date" value={filter.to} onChange={(e) => set("to")(e.target.value)} />
        </label>
        <button
          type="button"
          className="link-button"
          onClick={() => setFilter({ ...EMPTY, connectionId: props.connectionId ?? "" })}
        >
          Clear
        </button>
      </div>
      <ErrorBox error={log.error} />
      {log.items?.length === 0 && <p className="muted">No sync result matches.</p>}
      {log.items && log.items.length > 0 && (
        <table aria-label="Sync log">
          <thead>
            <tr>
              <th>SKU</th>
              {!props.connectionId && <th>Connection</th>}
              <th>Direction</th>
              <th className="num">Quantity</th>
              <th>Result</th>
              <th>Reason</th>
              <th>When</th>
            </tr>
          </thead>
          <tbody>
            {log.items.map((r) => (
              <tr key={`${r.connectionId}-${r.sku}-${r.direction}`}>
                <td>{r.sku}</td>
                {!props.connectionId && <td>{nameOf(r.connectionId)}</td>}
                <td>{r.direction === "push" ? "sent to channel" : "read from channel"}</td>
                <td className="num">{r.quantity ?? "—"}</td>
                <td>
                  <Badge value={r.result} tone={r.result === "ok" ? "succeeded" : r.result} />
                  {r.severity && r.severity !== "info" && <Badge value={r.severity} tone="failed" />}
                </td>
                <td className="small">{r.reason ?? ""}</td>
                <td>{dateTime(r.at)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {log.hasMore && (
        <button type="button" onClick={log.more}>
          Load more
        </button>
      )}
    </section>
  );
}
