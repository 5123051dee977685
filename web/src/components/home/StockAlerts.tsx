import { useQuery } from "@tanstack/react-query";
import { client, unwrap } from "../../api/client.ts";
import { Badge, Link } from "../common.tsx";
import { ErrorBox } from "../ErrorBox.tsx";

async function loadAlerts() {
  const [out, low] = await Promise.all([
    unwrap(client.GET("/api/v1/products", { params: { query: { stockStatus: "out", limit: 10 } } })),
    unwrap(client.GET("/api/v1/products", { params: { query: { stockStatus: "low", limit: 10 } } })),
  ]);
  return { items: [...out.items, ...low.items], more: out.nextCursor !== null || low.nextCursor !== null };
}

/** Products out of stock or at their low-stock threshold. */
export function StockAlerts() {
  const alerts = useQuery({ queryKey: ["home-stock-alerts"], queryFn: loadAlerts });
  return (
    <section className="card" aria-label="Stock alerts">
      <h2>Stock alerts</h2>
      <ErrorBox error={alerts.error} />
      {alerts.data?.items.length === 0 && <p className="muted">Every product is in stock.</p>}
      {alerts.data && alerts.data.items.length > 0 && (
        <table>
          <tbody>
            {alerts.data.items.map((p) => (
              <tr key={p.id}>
                <td>
                  <Link to={`/products/${encodeURIComponent(p.sku)}`}>{p.sku}</Link>
                  <div className="muted small">{p.name}</div>
                </td>
                <td className="num">{p.available} available</td>
                <td>
                  <Badge value={p.stockStatus} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {alerts.data?.more && (
        <p className="small">
          <Link to="/products">All products</Link>
        </p>
      )}
    </section>
  );
}
