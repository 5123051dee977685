import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { client, unwrap } from "../api/client.ts";
import { compact } from "../api/query.ts";
import type { SummarySale } from "../api/types.ts";
import { Resummarize } from "../components/books/Resummarize.tsx";
import { ORDERS_TABS, SubNav } from "../components/books/SubNav.tsx";
import { useConnections } from "../components/books/useConnections.ts";
import { Link, Loading } from "../components/common.tsx";
import { ErrorBox } from "../components/ErrorBox.tsx";
import { money } from "../format.ts";

/** Summary sales (R-ORD-3): one per channel per day (or month), with the orders each covers. */
export function Summaries() {
  const connections = useConnections();
  const linked = new URLSearchParams(location.search).get("period") ?? "";
  const [connectionId, setConnectionId] = useState("");
  const [from, setFrom] = useState(linked);
  const [to, setTo] = useState(linked);
  const query = { ...compact({ connectionId, from, to }), limit: 100 };
  const list = useQuery({
    queryKey: ["books-summaries", query],
    queryFn: () => unwrap(client.GET("/api/v1/books/summaries", { params: { query } })),
  });
  const [open, setOpen] = useState<string | null>(null);

  return (
    <>
      <h1>Orders</h1>
      <SubNav label="Orders" items={ORDERS_TABS} />
      <div className="filters">
        <select aria-label="Channel" value={connectionId} onChange={(e) => setConnectionId(e.target.value)}>
          <option value="">All channels</option>
          {connections.items.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
        <label className="switch">
          Periods from{" "}
          <input
            type="date"
            aria-label="Periods from"
            value={from}
            onChange={(e) => setFrom(e.target.value)}
          />
        </label>
        <label className="switch">
          to <input type="date" aria-label="Periods to" value={to} onChange={(e) => setTo(e.target.value)} />
        </label>
      </div>
      <section className="card">
        <ErrorBox error={list.error} />
        {!list.data && list.isFetching && <Loading what="summaries" />}
        {list.data?.items.length === 0 && (
          <p className="muted">
            No summary sales. Channels in summary mode get one per day after the daily job (05:45 UTC) or a{" "}
            <Link to="/orders/sync">manual sync</Link>.
          </p>
        )}
        {list.data && list.data.items.length > 0 && (
          <table aria-label="Summaries">
            <thead>
              <tr>
                <th>Period</th>
                <th>Channel</th>
                <th>Orders</th>
                <th className="num">Lines</th>
                <th className="num">Total</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((s) => (
                <SummaryRow
                  // Re-summarising gives the summary a new id: key by period so the row keeps its state.
                  key={`${s.channelConnectionId}:${s.periodKey}:${s.currency}`}
                  s={s}
                  channel={connections.nameOf(s.channelConnectionId)}
                  open={open === s.id}
                  toggle={() => setOpen(open === s.id ? null : s.id)}
                  reload={list.refetch}
                />
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}

function SummaryRow(props: {
  s: SummarySale;
  channel: string;
  open: boolean;
  toggle: () => void;
  reload: () => void;
}) {
  const s = props.s;
  return (
    <>
      <tr className={props.open ? "expanded" : ""}>
        <td>
          <button type="button" className="link-button" aria-expanded={props.open} onClick={props.toggle}>
            {s.periodKey}
          </button>
          {s.generation > 1 && <span className="muted small"> · version {s.generation}</span>}
        </td>
        <td>{props.channel}</td>
        <td>
          {s.orders.map((o, i) => (
            <span key={o.id}>
              {i > 0 && ", "}
              <Link to={`/orders/${o.id}`}>{o.orderNumber}</Link>
            </span>
          ))}
        </td>
        <td className="num">{s.lines.length}</td>
        <td className="num">{money(s.totalMinor, s.currency)}</td>
        <td>
          <Resummarize
            summaryId={s.id}
            channelConnectionId={s.channelConnectionId}
            periodKey={s.periodKey}
            onDone={props.reload}
          />
        </td>
      </tr>
      {props.open && (
        <tr className="expanded">
          <td colSpan={6}>
            <table aria-label={`Lines of ${s.periodKey}`}>
              <thead>
                <tr>
                  <th>SKU</th>
                  <th>Name</th>
                  <th className="num">Quantity</th>
                  <th className="num">Unit price</th>
                  <th className="num">Amount</th>
                </tr>
              </thead>
              <tbody>
                {s.lines.map((l) => (
                  <tr key={`${l.sku}-${l.unitPriceMinor}`}>
                    <td>{l.sku}</td>
                    <td>{l.name}</td>
                    <td className="num">{l.quantity}</td>
                    <td className="num">{money(l.unitPriceMinor, s.currency)}</td>
                    <td className="num">{money(l.amountMinor, s.currency)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <p className="muted small">
              Discounts {money(s.discountMinor, s.currency)} · tax {money(s.taxMinor, s.currency)} · shipping{" "}
              {money(s.shippingMinor, s.currency)}
            </p>
          </td>
        </tr>
      )}
    </>
  );
}
