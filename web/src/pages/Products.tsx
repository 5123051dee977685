import { useState } from "react";
import { client, unwrap } from "../api/client.ts";
import { compact, usePagedQuery } from "../api/query.ts";
import type { QueryOf } from "../api/types.ts";
import { PRODUCTS_TABS, SubNav } from "../components/books/SubNav.tsx";
import { Badge, Link, Loading } from "../components/common.tsx";
import { ErrorBox } from "../components/ErrorBox.tsx";
import { money } from "../format.ts";

const STATUSES = [
  { value: "", label: "Any stock" },
  { value: "in_stock", label: "In stock" },
  { value: "low", label: "Low" },
  { value: "out", label: "Out of stock" },
];

export function Products() {
  const [search, setSearch] = useState("");
  const [q, setQ] = useState("");
  const [stockStatus, setStockStatus] = useState("");
  // The stock status comes from a select of the API's own values.
  const query = compact({ q, stockStatus }) as QueryOf<"listProducts">;
  const products = usePagedQuery(["products", query], (cursor, signal) =>
    unwrap(client.GET("/api/v1/products", { params: { query: { ...query, limit: 50, cursor } }, signal })),
  );

  return (
    <>
      <h1>Products &amp; stock</h1>
      <SubNav label="Products" items={PRODUCTS_TABS} />
      <form
        className="filters"
        aria-label="Search products"
        onSubmit={(e) => {
          e.preventDefault();
          setQ(search.trim());
        }}
      >
        <input
          type="search"
          aria-label="Search products"
          placeholder="SKU or name"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
        <button type="submit">Search</button>
        <select
          aria-label="Stock status"
          value={stockStatus}
          onChange={(e) => setStockStatus(e.target.value)}
        >
          {STATUSES.map((s) => (
            <option key={s.value} value={s.value}>
              {s.label}
            </option>
          ))}
        </select>
      </form>
      <section className="card">
        <ErrorBox error={products.error} />
        {!products.items && !products.error && <Loading what="products" />}
        {products.items?.length === 0 && <p className="muted">No product matches.</p>}
        {products.items && products.items.length > 0 && (
          <table>
            <thead>
              <tr>
                <th>SKU</th>
                <th>Name</th>
                <th className="num">Price</th>
                <th className="num">On hand</th>
                <th className="num">Reserved</th>
                <th className="num">Available</th>
                <th>Stock</th>
              </tr>
            </thead>
            <tbody>
              {products.items.map((p) => (
                <tr key={p.id}>
                  <td>
                    <Link to={`/products/${encodeURIComponent(p.sku)}`}>{p.sku}</Link>
                  </td>
                  <td>{p.name}</td>
                  <td className="num">{money(p.priceMinor, p.currency)}</td>
                  <td className="num">{p.onHand}</td>
                  <td className="num">{p.reserved}</td>
                  <td className="num">{p.available}</td>
                  <td>
                    <Badge value={p.stockStatus} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {products.hasMore && (
          <button type="button" onClick={products.more}>
            Load more
          </button>
        )}
      </section>
    </>
  );
}
