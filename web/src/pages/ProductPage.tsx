import { useQuery } from "@tanstack/react-query";
import { client, unwrap } from "../api/client.ts";
import { useConnections } from "../components/books/useConnections.ts";
import { Link, Loading } from "../components/common.tsx";
import { ErrorBox } from "../components/ErrorBox.tsx";
import { AdjustStock } from "../components/stock/AdjustStock.tsx";
import { PlanFigures } from "../components/stock/PlanFigures.tsx";
import { dateTime, money, words } from "../format.ts";

type Listing = {
  id: string;
  connectionId: string;
  platformProductId: string | null;
  platformVariantId: string | null;
  lastPushedQuantity: number | null;
  lastPushedAt: string | null;
};

export function ProductPage(props: { sku: string }) {
  const product = useQuery({
    queryKey: ["products", props.sku],
    queryFn: () =>
      unwrap(
        client.GET("/api/v1/products/{sku}", { params: { path: { sku: encodeURIComponent(props.sku) } } }),
      ),
  });
  const connections = useConnections();
  const p = product.data;
  const warehouseName = (id: string) => p?.warehouses.find((w) => w.warehouseId === id)?.warehouseName ?? "";

  return (
    <>
      <p>
        <Link to="/products">← Products</Link>
      </p>
      <ErrorBox error={product.error} />
      {!p && product.isFetching && <Loading what="product" />}
      {p && (
        <>
          <h1>
            {p.name} <span className="muted">{p.sku}</span>
          </h1>
          <p>
            {p.available < 0 && (
              <span className="badge badge-out" role="status">
                Oversold by {-p.available}
              </span>
            )}
            {p.available} available of {p.onHand} on hand, {p.reserved} reserved ·{" "}
            {money(p.priceMinor, p.currency)}
            {p.lowStockThreshold !== null && ` · low below ${p.lowStockThreshold}`}
          </p>
          <section className="card">
            <h2>Stock per warehouse</h2>
            <table aria-label="Stock per warehouse">
              <thead>
                <tr>
                  <th>Warehouse</th>
                  <th className="num">On hand</th>
                  <th className="num">Reserved</th>
                  <th className="num">Available</th>
                </tr>
              </thead>
              <tbody>
                {p.warehouses.map((w) => (
                  <tr key={w.warehouseId}>
                    <td>{w.warehouseName}</td>
                    <td className="num">{w.onHand}</td>
                    <td className="num">{w.reserved}</td>
                    <td className="num">
                      <Quantity value={w.available} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          <section className="card">
            <h2>Adjust stock</h2>
            <AdjustStock sku={p.sku} warehouses={p.warehouses} />
          </section>
          <PlanFigures sku={p.sku} />
          <section className="card">
            <h2>Listings per channel</h2>
            {p.listings.length === 0 && <p className="muted">Not listed on any connected channel.</p>}
            {p.listings.length > 0 && (
              <table aria-label="Listings">
                <thead>
                  <tr>
                    <th>Channel</th>
                    <th>Product / variant on the channel</th>
                    <th className="num">Last quantity sent</th>
                    <th>Sent</th>
                  </tr>
                </thead>
                <tbody>
                  {(p.listings as Listing[]).map((l) => (
                    <tr key={l.id}>
                      <td>
                        <Link to={`/connections/${l.connectionId}`}>
                          {connections.nameOf(l.connectionId)}
                        </Link>
                      </td>
                      <td>{[l.platformProductId, l.platformVariantId].filter(Boolean).join(" / ") || "—"}</td>
                      <td className="num">{l.lastPushedQuantity ?? "—"}</td>
                      <td>{dateTime(l.lastPushedAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
          <section className="card">
            <h2>Recent movements</h2>
            <table aria-label="Recent movements">
              <thead>
                <tr>
                  <th>When</th>
                  <th>Warehouse</th>
                  <th>Reason</th>
                  <th className="num">On hand Δ</th>
                  <th className="num">Reserved Δ</th>
                  <th className="num">Available after</th>
                </tr>
              </thead>
              <tbody>
                {p.recentMovements.map((m) => (
                  <tr key={m.id}>
                    <td>{dateTime(m.createdAt)}</td>
                    <td>{warehouseName(m.warehouseId)}</td>
                    <td>{words(m.reason)}</td>
                    <td className="num">{signed(m.onHandDelta)}</td>
                    <td className="num">{signed(m.reservedDelta)}</td>
                    <td className="num">
                      <Quantity value={m.availableAfter} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </>
      )}
    </>
  );
}

/**
 * Below zero is shown as it is and marked: the platform or the books sold more than there was, and
 * channels are sent 0 meanwhile, so this page is where the oversell stays visible (issue 19).
 */
function Quantity(props: { value: number }) {
  if (props.value >= 0) return <>{props.value}</>;
  return (
    <span className="error-text" title="Oversold: more was sold than there was">
      {props.value} oversold
    </span>
  );
}

function signed(n: number): string {
  return n > 0 ? `+${n}` : String(n);
}
