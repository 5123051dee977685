import { useState } from "react";
import { Badge, ErrorBox, Link, Loading } from "../components/common.tsx";
import { usePaged } from "../components/usePaged.ts";
import { dateTime, money, words } from "../format.ts";
import type { OrderRow } from "../types.ts";

const STATUSES = [
  "pending",
  "processing",
  "shipped",
  "completed",
  "cancelled",
  "refunded",
  "partially_refunded",
];

export function Orders() {
  const [status, setStatus] = useState("");
  const orders = usePaged<OrderRow>("/api/v1/orders", { status });

  return (
    <>
      <h1>Orders</h1>
      <div className="filters">
        <select aria-label="Order status" value={status} onChange={(e) => setStatus(e.target.value)}>
          <option value="">All statuses</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {words(s)}
            </option>
          ))}
        </select>
      </div>
      <section className="card">
        <ErrorBox error={orders.error} />
        {!orders.items && !orders.error && <Loading what="orders" />}
        {orders.items?.length === 0 && <p className="muted">No orders.</p>}
        {orders.items && orders.items.length > 0 && (
          <table>
            <thead>
              <tr>
                <th>Order</th>
                <th>Placed</th>
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
