import { useState } from "react";
import type { SalesDay, SalesReport } from "../../api/types.ts";
import { money } from "../../format.ts";

const COLORS = ["#2457d6", "#1f7a4d", "#c2410c", "#7c3aed", "#0e7490", "#b42318", "#a15c00", "#475467"];
const W = 820;
const H = 230;
const PAD = { left: 64, right: 8, top: 10, bottom: 26 };

type Metric = "revenue" | "orders";

/** Every calendar day from `from` to `to` (YYYY-MM-DD), so days without sales still get a slot. */
export function daysBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (
    let d = new Date(`${from}T00:00:00Z`);
    d.toISOString().slice(0, 10) <= to;
    d.setUTCDate(d.getUTCDate() + 1)
  )
    out.push(d.toISOString().slice(0, 10));
  return out;
}

/** A round step for about four grid lines. */
function niceStep(max: number): number {
  const raw = max / 4;
  const power = 10 ** Math.floor(Math.log10(raw));
  return ([1, 2, 2.5, 5, 10].find((m) => m * power >= raw) ?? 10) * power;
}

const shortDay = (day: string) =>
  new Date(`${day}T00:00:00Z`).toLocaleDateString(undefined, {
    month: "short",
    day: "numeric",
    timeZone: "UTC",
  });

/** Stacked bars of sales per day, one colour per channel; plain SVG. */
export function SalesChart(props: { report: SalesReport }) {
  const { report } = props;
  const byCurrency = new Map<string, number>();
  for (const i of report.items)
    byCurrency.set(i.currency, (byCurrency.get(i.currency) ?? 0) + i.revenueMinor);
  const currencies = [...byCurrency].sort((a, b) => b[1] - a[1]).map(([c]) => c);
  const [picked, setPicked] = useState<string | undefined>();
  const [metric, setMetric] = useState<Metric>("revenue");
  const currency = picked && currencies.includes(picked) ? picked : currencies[0];
  const items = report.items.filter((i) => i.currency === currency);
  const days = daysBetween(report.from, report.to);
  const channels = [...new Map(items.map((i) => [i.connectionId ?? "", i.connectionName])).entries()];
  const value = (i: SalesDay) => (metric === "revenue" ? i.revenueMinor : i.orders);
  const label = (n: number) => (metric === "revenue" ? money(n, currency) : `${n} orders`);
  const cell = new Map(items.map((i) => [`${i.day}/${i.connectionId ?? ""}`, i]));
  const totals = days.map((d) =>
    channels.reduce((n, [id]) => n + (cell.has(`${d}/${id}`) ? value(cell.get(`${d}/${id}`)!) : 0), 0),
  );
  const step = niceStep(Math.max(1, ...totals));
  const top = step * Math.max(1, Math.ceil(Math.max(1, ...totals) / step));
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const slot = plotW / days.length;
  const y = (v: number) => PAD.top + plotH - (v / top) * plotH;
  const labelEvery = Math.ceil(days.length / 10);
  const grid: number[] = [];
  for (let v = 0; v <= top; v += step) grid.push(v);

  if (!currency) return <p className="muted">No sales in the last {days.length} days.</p>;
  return (
    <figure className="sales-chart" aria-label="Sales by day and channel">
      <div className="row">
        <fieldset className="segmented" aria-label="Show">
          {(["revenue", "orders"] as const).map((m) => (
            <button
              key={m}
              type="button"
              aria-pressed={metric === m}
              className={metric === m ? "primary" : ""}
              onClick={() => setMetric(m)}
            >
              {m === "revenue" ? "Revenue" : "Orders"}
            </button>
          ))}
        </fieldset>
        {currencies.length > 1 && (
          <select aria-label="Currency" value={currency} onChange={(e) => setPicked(e.target.value)}>
            {currencies.map((c) => (
              <option key={c}>{c}</option>
            ))}
          </select>
        )}
        <span className="muted small">
          {report.from} – {report.to} ({report.timezone}), cancelled orders left out
        </span>
      </div>
      <svg
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-label={`${metric === "revenue" ? "Revenue" : "Orders"} per day in ${currency}`}
      >
        {grid.map((v) => (
          <g key={v}>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(v)} y2={y(v)} className="grid" />
            <text x={PAD.left - 6} y={y(v) + 4} textAnchor="end" className="axis">
              {metric === "revenue" ? money(v, currency).replace(/\.00$/, "") : v}
            </text>
          </g>
        ))}
        {days.map((d, di) => {
          let base = 0;
          const x = PAD.left + di * slot + slot * 0.15;
          return (
            <g key={d}>
              {channels.map(([id, name], ci) => {
                const entry = cell.get(`${d}/${id}`);
                if (!entry || value(entry) === 0) return null;
                const v = value(entry);
                const rect = (
                  <rect
                    key={id}
                    x={x}
                    width={slot * 0.7}
                    y={y(base + v)}
                    height={y(base) - y(base + v)}
                    fill={COLORS[ci % COLORS.length]}
                  >
                    <title>{`${shortDay(d)} · ${name}: ${label(v)}`}</title>
                  </rect>
                );
                base += v;
                return rect;
              })}
              {di % labelEvery === 0 && (
                <text x={x + slot * 0.35} y={H - 8} textAnchor="middle" className="axis">
                  {shortDay(d)}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      <figcaption className="legend">
        {channels.map(([id, name], ci) => {
          const mine = items.filter((i) => (i.connectionId ?? "") === id);
          const revenue = mine.reduce((n, i) => n + i.revenueMinor, 0);
          const orders = mine.reduce((n, i) => n + i.orders, 0);
          return (
            <span key={id} className="legend-item">
              <span className="swatch" style={{ background: COLORS[ci % COLORS.length] }} />
              {name}: {money(revenue, currency)} · {orders} {orders === 1 ? "order" : "orders"}
            </span>
          );
        })}
      </figcaption>
    </figure>
  );
}
