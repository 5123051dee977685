import { useState } from "react";
import type { PlannerRow, PlanStatus } from "../api/types.ts";
import { PLANNER_TABS, SubNav } from "../components/books/SubNav.tsx";
import { useConnections } from "../components/books/useConnections.ts";
import { Badge, Link } from "../components/common.tsx";
import { ErrorBox } from "../components/ErrorBox.tsx";
import { PlannerSettings } from "../components/stock/PlannerSettings.tsx";
import { usePlannerReport } from "../components/stock/usePlannerReport.ts";

type SortKey =
  | "sku"
  | "name"
  | "unitsSold"
  | "averageDailySales"
  | "available"
  | "daysOfSupply"
  | "leadTimeDays"
  | "status";
const COLUMNS: { key: SortKey; label: string; numeric?: boolean }[] = [
  { key: "sku", label: "SKU" },
  { key: "name", label: "Name" },
  { key: "unitsSold", label: "Units sold", numeric: true },
  { key: "averageDailySales", label: "Avg daily sales", numeric: true },
  { key: "available", label: "Available", numeric: true },
  { key: "daysOfSupply", label: "Days of supply", numeric: true },
  { key: "leadTimeDays", label: "Lead time", numeric: true },
  { key: "status", label: "Status" },
];
const STATUS_ORDER: Record<PlanStatus, number> = { understock: 0, ok: 1, overstock: 2 };

/** ∞ days of supply (nothing sold) sorts after every number; a missing lead time before any. */
function sortValue(row: PlannerRow, key: SortKey): number | string {
  if (key === "daysOfSupply") return row.daysOfSupply ?? Number.POSITIVE_INFINITY;
  if (key === "leadTimeDays") return row.leadTimeDays ?? -1;
  if (key === "status") return STATUS_ORDER[row.status];
  return row[key] ?? -1;
}

/** R-INV-4/5: units sold, average daily sales, days of supply, lead time and status per SKU. */
export function Planner() {
  const connections = useConnections();
  const [connectionId, setConnectionId] = useState("");
  const [days, setDays] = useState("");
  const [status, setStatus] = useState<PlanStatus | "">("");
  const [sort, setSort] = useState<{ key: SortKey; desc: boolean }>({ key: "daysOfSupply", desc: false });
  const report = usePlannerReport({ connectionId, days });

  const counts = { understock: 0, ok: 0, overstock: 0 };
  for (const r of report.rows ?? []) counts[r.status] += 1;
  const rows = (report.rows ?? [])
    .filter((r) => !status || r.status === status)
    .sort((a, b) => {
      const x = sortValue(a, sort.key);
      const y = sortValue(b, sort.key);
      const order =
        typeof x === "string" ? x.localeCompare(String(y)) : x === y ? 0 : x < (y as number) ? -1 : 1;
      return (sort.desc ? -order : order) || a.sku.localeCompare(b.sku);
    });
  const sortBy = (key: SortKey) => setSort((s) => ({ key, desc: s.key === key ? !s.desc : false }));

  return (
    <>
      <h1>Planner</h1>
      <SubNav label="Planner" items={PLANNER_TABS} />
      <div className="filters">
        <select aria-label="Sales of" value={connectionId} onChange={(e) => setConnectionId(e.target.value)}>
          <option value="">Sales of all channels</option>
          {connections.items.map((c) => (
            <option key={c.id} value={c.id}>
              Sales of {c.name}
            </option>
          ))}
        </select>
        <select aria-label="Window" value={days} onChange={(e) => setDays(e.target.value)}>
          <option value="">
            Saved window{report.settings ? ` (${report.settings.reportDays} days)` : ""}
          </option>
          {[30, 60, 90, 180, 365].map((d) => (
            <option key={d} value={d}>
              Last {d} days
            </option>
          ))}
        </select>
        <select
          aria-label="Plan status"
          value={status}
          onChange={(e) => setStatus(e.target.value as PlanStatus | "")}
        >
          <option value="">Every status</option>
          <option value="understock">Understock ({counts.understock})</option>
          <option value="overstock">Overstock ({counts.overstock})</option>
          <option value="ok">OK ({counts.ok})</option>
        </select>
      </div>
      <section className="card">
        <ErrorBox error={report.error} />
        {!report.rows && !report.error && (
          <p className="muted">Reading the report… {report.loaded} products so far.</p>
        )}
        {report.settings && (
          <p className="muted small">
            {`Days of supply = available ÷ average daily sales over ${report.settings.reportDays} days. Understock when days of supply minus lead time is below ${report.settings.understockDays}; overstock above ${report.settings.overstockDays}.`}
          </p>
        )}
        {report.rows && rows.length === 0 && <p className="muted">No product matches.</p>}
        {report.rows && rows.length > 0 && (
          <table aria-label="Planner report">
            <thead>
              <tr>
                {COLUMNS.map((c) => (
                  <th
                    key={c.key}
                    className={c.numeric ? "num" : ""}
                    aria-sort={sort.key === c.key ? (sort.desc ? "descending" : "ascending") : "none"}
                  >
                    <button type="button" className="sort" onClick={() => sortBy(c.key)}>
                      {c.label}
                      {sort.key === c.key ? (sort.desc ? " ▼" : " ▲") : ""}
                    </button>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.productId}>
                  <td>
                    <Link to={`/products/${encodeURIComponent(r.sku)}`}>{r.sku}</Link>
                  </td>
                  <td>{r.name}</td>
                  <td className="num">{r.unitsSold}</td>
                  <td className="num">{r.averageDailySales}</td>
                  <td className="num">{r.available}</td>
                  <td className="num">{r.daysOfSupply ?? "∞"}</td>
                  <td className="num">{r.leadTimeDays === null ? "—" : r.leadTimeDays}</td>
                  <td>
                    <Badge value={r.status} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <PlannerSettings connectionId={connectionId} />
    </>
  );
}
