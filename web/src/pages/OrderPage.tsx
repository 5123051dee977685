import { useQuery } from "@tanstack/react-query";
import { client, unwrap } from "../api/client.ts";
import type { OrderPostings } from "../api/types.ts";
import { Badge, Link, Loading } from "../components/common.tsx";
import { ErrorBox } from "../components/ErrorBox.tsx";
import { dateTime, money, words } from "../format.ts";

const lineText = (lines: { sku: string; quantity: number }[]) =>
  lines.map((l) => `${l.quantity} × ${l.sku}`).join(", ");

export function OrderPage(props: { id: string }) {
  const order = useQuery({
    queryKey: ["orders", props.id],
    queryFn: () => unwrap(client.GET("/api/v1/orders/{id}", { params: { path: { id: props.id } } })),
  });
  const postings = useQuery({
    queryKey: ["orders", props.id, "postings"],
    queryFn: () => unwrap(client.GET("/api/v1/orders/{id}/postings", { params: { path: { id: props.id } } })),
  });
  const o = order.data;

  return (
    <>
      <p>
        <Link to="/orders">← Orders</Link>
      </p>
      <ErrorBox error={order.error} />
      {!o && order.isFetching && <Loading what="order" />}
      {o && (
        <>
          <h1>Order {o.orderNumber ?? o.platformOrderId}</h1>
          <p>
            <Badge value={o.status} /> placed {dateTime(o.placedAt)} · {o.customerName ?? "no name"}
            {o.customerEmail ? ` <${o.customerEmail}>` : ""} · total {money(o.totalMinor, o.currency)}
          </p>
          <section className="card">
            <h2>Lines</h2>
            <table aria-label="Order lines">
              <thead>
                <tr>
                  <th>SKU</th>
                  <th>Name</th>
                  <th className="num">Qty</th>
                  <th className="num">Unit price</th>
                  <th className="num">Shipped</th>
                  <th className="num">Refunded</th>
                  <th className="num">Backordered</th>
                </tr>
              </thead>
              <tbody>
                {o.lines.map((l) => (
                  <tr key={l.id}>
                    <td>
                      <Link to={`/products/${encodeURIComponent(l.sku)}`}>{l.sku}</Link>
                    </td>
                    <td>{l.name}</td>
                    <td className="num">{l.quantity}</td>
                    <td className="num">{money(l.unitPriceMinor, o.currency)}</td>
                    <td className="num">{l.shippedQty}</td>
                    <td className="num">{l.refundedQty}</td>
                    <td className="num">{l.backorderedQty}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          <section className="card">
            <h2>Shipments</h2>
            {o.shipments.length === 0 && <p className="muted">Not shipped yet.</p>}
            <ul>
              {o.shipments.map((s) => (
                <li key={s.id}>
                  {dateTime(s.shippedAt)} · {s.carrier ?? "carrier unknown"}
                  {s.trackingNumber ? ` ${s.trackingNumber}` : ""} · {lineText(s.lines)}
                </li>
              ))}
            </ul>
          </section>
          <section className="card">
            <h2>Refunds</h2>
            {o.refunds.length === 0 && <p className="muted">No refunds.</p>}
            <ul>
              {o.refunds.map((r) => (
                <li key={r.id}>
                  {dateTime(r.refundedAt)} · {money(r.amountMinor, r.currency)}
                  {r.reason ? ` · ${r.reason}` : ""} · {lineText(r.lines)}
                  {r.lines.some((l) => l.restock) ? " (restocked)" : ""}
                </li>
              ))}
            </ul>
          </section>
          <section className="card">
            <h2>Postings to the books</h2>
            <ErrorBox error={postings.error} />
            <PostingList data={postings.data} currency={o.currency} />
          </section>
        </>
      )}
    </>
  );
}

const SUBJECT = { order: "This order", summary: "Daily summary", refund: "Refund" } as const;

function PostingList(props: { data: OrderPostings | undefined; currency: string }) {
  const d = props.data;
  if (!d) return null;
  return (
    <>
      {d.summary && (
        <p>
          In the summary of{" "}
          <Link to={`/orders/summaries?period=${d.summary.periodKey}`}>{d.summary.periodKey}</Link>.
        </p>
      )}
      {d.items.length === 0 ? (
        <p className="muted">
          Not in the books yet: its channel posts to no books connection, or its day has not been summarised
          (the daily job runs at 05:45 UTC; Orders → Manual sync posts a range now).
        </p>
      ) : (
        <table aria-label="Postings">
          <thead>
            <tr>
              <th>What</th>
              <th>Status</th>
              <th>Document</th>
              <th className="num">Amount</th>
              <th>Posted</th>
            </tr>
          </thead>
          <tbody>
            {d.items.map((p) => (
              <tr key={p.id}>
                <td>{SUBJECT[p.subjectType]}</td>
                <td>
                  <Badge value={p.status} />
                  {p.error && <div className="small error-text">{p.error}</div>}
                </td>
                <td>{p.docNumber ? `${words(p.docKind ?? "document")} ${p.docNumber}` : "—"}</td>
                <td className="num">{p.totalMinor === null ? "" : money(p.totalMinor, props.currency)}</td>
                <td>{dateTime(p.postedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
