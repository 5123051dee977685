import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { client, unwrap } from "../api/client.ts";
import type { Warehouse } from "../api/types.ts";
import { PRODUCTS_TABS, SubNav } from "../components/books/SubNav.tsx";
import { Badge, Loading } from "../components/common.tsx";
import { ErrorBox, type Explain } from "../components/ErrorBox.tsx";

const explain: Explain = (e) => {
  if (e.code === "warehouse_has_stock")
    return {
      what: "This warehouse still holds stock.",
      next: "count its units to 0 (or move them) on each product's page, then delete it.",
    };
  if (e.code === "warehouse_in_use")
    return {
      what: "This warehouse has stock history or orders, which must stay readable.",
      next: "keep it, and untick “counts toward channel stock” so its units are held back.",
    };
  if (e.code === "default_warehouse")
    return {
      what: "The default warehouse cannot be deleted.",
      next: "make another warehouse the default first.",
    };
  if (e.code === "warehouse_name_taken")
    return { what: "Another warehouse already has this name.", next: "choose a different name." };
  return undefined;
};

/** R-INV-2: one default warehouse, renamable; more can be added; stock is kept per warehouse. */
export function Warehouses() {
  const list = useQuery({
    queryKey: ["warehouses"],
    queryFn: () => unwrap(client.GET("/api/v1/warehouses")),
  });
  const [name, setName] = useState("");
  const [counts, setCounts] = useState(true);
  const queries = useQueryClient();
  // Each change (add, rename, default, delete) is one request; the list and stock per warehouse
  // are read again after it.
  const change = useMutation({
    mutationFn: (work: () => Promise<unknown>) => work(),
    onSuccess: () =>
      Promise.all([
        queries.invalidateQueries({ queryKey: ["warehouses"] }),
        queries.invalidateQueries({ queryKey: ["products"] }),
      ]),
  });
  const error = change.error;
  const act = (work: () => Promise<unknown>) =>
    change.mutateAsync(work).then(
      () => undefined,
      () => undefined,
    );
  const add = (e: FormEvent) => {
    e.preventDefault();
    void act(async () => {
      await unwrap(
        client.POST("/api/v1/warehouses", { body: { name: name.trim(), countsForAvailability: counts } }),
      );
      setName("");
    });
  };

  return (
    <>
      <h1>Products &amp; stock</h1>
      <SubNav label="Products" items={PRODUCTS_TABS} />
      <section className="card">
        <h2>Warehouses</h2>
        <ErrorBox error={error ?? list.error} explain={explain} />
        {!list.data && list.isFetching && <Loading what="warehouses" />}
        {list.data && (
          <table aria-label="Warehouses">
            <thead>
              <tr>
                <th>Name</th>
                <th>Counts toward channel stock</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((w) => (
                <WarehouseRow key={w.id} w={w} act={act} />
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section className="card">
        <h2>Add a warehouse</h2>
        <form className="row" aria-label="Add a warehouse" onSubmit={add}>
          <input
            aria-label="Warehouse name"
            placeholder="Name"
            required
            maxLength={200}
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
          <label className="switch">
            <input type="checkbox" checked={counts} onChange={(e) => setCounts(e.target.checked)} /> Its stock
            counts toward what channels can sell
          </label>
          <button type="submit" className="primary" disabled={!name.trim()}>
            Add
          </button>
        </form>
      </section>
    </>
  );
}

function WarehouseRow(props: { w: Warehouse; act: (work: () => Promise<unknown>) => Promise<void> }) {
  const { w, act } = props;
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(w.name);
  const patch = (body: Partial<Warehouse>) =>
    act(() =>
      unwrap(client.PATCH("/api/v1/warehouses/{id}", { params: { path: { id: w.id } }, body: body })),
    );
  return (
    <tr>
      <td>
        {editing ? (
          <form
            className="inline"
            onSubmit={(e) => {
              e.preventDefault();
              void patch({ name: name.trim() }).then(() => setEditing(false));
            }}
          >
            <input
              aria-label={`New name for ${w.name}`}
              required
              value={name}
              onChange={(e) => setName(e.target.value)}
            />
            <button type="submit">Save</button>
            <button type="button" onClick={() => setEditing(false)}>
              Cancel
            </button>
          </form>
        ) : (
          <>
            {w.name} {w.isDefault && <Badge value="default" tone="live" />}
          </>
        )}
      </td>
      <td>
        <label className="switch">
          <input
            type="checkbox"
            aria-label={`${w.name} counts toward channel stock`}
            checked={w.countsForAvailability}
            onChange={(e) => void patch({ countsForAvailability: e.target.checked })}
          />
          {w.countsForAvailability ? "Yes" : "No (held back)"}
        </label>
      </td>
      <td className="row">
        {!editing && (
          <button type="button" className="link-button" onClick={() => setEditing(true)}>
            Rename
          </button>
        )}
        {!w.isDefault && (
          <>
            <button type="button" className="link-button" onClick={() => void patch({ isDefault: true })}>
              Make default
            </button>
            <button
              type="button"
              className="link-button"
              onClick={() =>
                void act(() =>
                  unwrap(client.DELETE("/api/v1/warehouses/{id}", { params: { path: { id: w.id } } })),
                )
              }
            >
              Delete
            </button>
          </>
        )}
      </td>
    </tr>
  );
}
