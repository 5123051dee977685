import { type FormEvent, useState } from "react";
import { client, unwrap } from "../api/client.ts";
import { compact, usePagedQuery } from "../api/query.ts";
import type { QueryOf } from "../api/types.ts";
import { ORDERS_TABS, SubNav } from "../components/books/SubNav.tsx";
import { dayEnd, dayStart, useConnections } from "../components/books/useConnections.ts";
import { Badge, Link, Loading } from "../components/common.tsx";
import { ErrorBox } from "../components/ErrorBox.tsx";
import { dateTime, money, words } from "../format.ts";

const STATUSES = [
  "pending",
  "processing",
  "shipped",
  "completed",
  "cancelled",
  "refunded",
  "partially_refunded",
];

type TextFilters = { q: string; customer: string; state: string; from: string; to: string };
const EMPTY: TextFilters = { q: "", customer: "", state: "", from: "", to: "" };

export function Orders() {
  const connections = useConnections();
  const [status, setStatus] = useState("");
  const [connectionId, setConnectionId] = useState("");
  const [draft, setDraft] = useState<TextFilters>(EMPTY);
  const [applied, setApplied] = useState<TextFilters>(EMPTY);
  // The status comes from a select of the API's own values.
  const query = compact({
    status,
    connectionId,
    q: applied.q.trim(),
    customer: applied.customer.trim(),
    state: applied.state.trim(),
    from: dayStart(applied.from),
    to: dayEnd(applied.to),
  }) as QueryOf<"listOrders">;
  const orders = usePagedQuery(["orders", query], (cursor, signal) =>
    unwrap(client.GET("/api/v1/orders", { params: { query: { ...query, limit: 50, cursor } }, signal })),
  );
  const field = (key: keyof TextFilters) => ({
    value: draft[key],
    onChange: (e: { target: { value: string } }) => setDraft((d) => ({ ...d, [key]: e.target.value })),
  });
  const apply = (e: FormEvent) => {
    e.preventDefault();
    setApplied(draft);
  };
  const clear = () => {
    setDraft(EMPTY);
    setApplied(EMPTY);
    setStatus("");
    setConnectionId("");
  };

  return (
    <>
      <h1>Orders</h1>
      <SubNav label="Orders" items={ORDERS_TABS} />
      <form className="filters" aria-label="Order filters" onSubmit={apply}>
        <input type="search" aria-label="Search orders" placeholder="Order number" {...field("q")} />
        <select aria-label="Order status" value={status} onChange={(e) => setStatus(e.target.value)}>
          <option value="">All statuses</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {words(s)}
            </option>
          ))}
        </select>
        <select aria-label="Channel" value={connectionId} onChange={(e) => setConnectionId(e.target.value)}>
          <option value="">All channels</option>
          {connections.items.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
        <input aria-label="Customer" placeholder="Customer name or e-mail" {...field("customer")} />
        <input aria-label="Ship-to state" placeholder="State" size={8} {...field("state")} />
        <label className="switch">
          From <input type="date" aria-label="Placed from" {...field("from")} />
        </label>
        <label className="switch">
          to <input type="date" aria-label="Placed to" {...field("to")} />
        </label>
        <button type="submit">Apply</button>
        <button type="button" className="link-button" onClick={clear}>
          Clear filters
        </button>
      </form>
      <section className="card">
        <ErrorBox error={orders.error} />
        {!orders.items && !orders.error && <Loading what="orders" />}
        {orders.items?.length === 0 && <p className="muted">No orders.</p>}
        {orders.items && orders.items.length > 0 && (
          <table aria-label="Orders">
            <thead>
              <tr>
                <th>Order</th>
                <th>Placed</th>
                <th>Channel</th>
                <th>Customer</th>
                <th>Status</th>
                <th className="num">Total</th>
                <th className="num">Refunded</th>
              </tr>
            </thead>
            <tbody>
              {orders.items.map((o) => (
                <tr key={o.id}>
                  <td>
                    <Link to={`/orders/${o.id}`}>{o.orderNumber ?? o.platformOrderId}</Link>
                  </td>
                  <td>{dateTime(o.placedAt)}</td>
                  <td>{o.connectionId ? connections.nameOf(o.connectionId) : "Entered by API"}</td>
                  <td>{o.customerName ?? "—"}</td>
                  <td>
                    <Badge value={o.status} />
                    {o.backordered && <Badge value="backordered" tone="low" />}
                  </td>
                  <td className="num">{money(o.totalMinor, o.currency)}</td>
                  <td className="num">{o.refundedMinor ? money(o.refundedMinor, o.currency) : ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {orders.hasMore && (
          <button type="button" onClick={orders.more}>
            Load more
          </button>
        )}
      </section>
    </>
  );
}
