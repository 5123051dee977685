import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { client, unwrap } from "../../api/client.ts";
import type { Connection, OrderSettings } from "../../api/types.ts";
import { Loading } from "../common.tsx";
import { ErrorBox } from "../ErrorBox.tsx";
import { BooksTaxCodes } from "./BooksTaxCodes.tsx";

/** How this channel's sales post to the books (R-ORD-3): individual or daily summary, grouping, target. */
export function OrderSettingsTab(props: { connection: Connection }) {
  const c = props.connection;
  const settings = useQuery({
    queryKey: ["order-settings", c.id],
    queryFn: () =>
      unwrap(client.GET("/api/v1/connections/{id}/order-settings", { params: { path: { id: c.id } } })),
  });
  const others = useQuery({
    queryKey: ["connections"],
    queryFn: () => unwrap(client.GET("/api/v1/connections")),
  });
  if (settings.error) return <ErrorBox error={settings.error} />;
  if (!settings.data) return <Loading what="order settings" />;
  const otherConnections = (others.data?.items ?? []).filter((o) => o.id !== c.id);
  return (
    <>
      <OrderSettingsForm
        key={JSON.stringify(settings.data)}
        id={c.id}
        initial={settings.data}
        books={otherConnections}
      />
      <BooksTaxCodes connection={c} channels={otherConnections} />
    </>
  );
}

function OrderSettingsForm(props: { id: string; initial: OrderSettings; books: Connection[] }) {
  const [s, setS] = useState(props.initial);
  const queries = useQueryClient();
  const save = useMutation({
    mutationFn: () =>
      unwrap(
        client.PUT("/api/v1/connections/{id}/order-settings", {
          params: { path: { id: props.id } },
          body: {
            postingMode: s.postingMode,
            grouping: s.grouping,
            booksConnectionId: s.booksConnectionId,
            summaryCustomer: s.summaryCustomer?.trim() || null,
          },
        }),
      ),
    onSuccess: (next) => {
      setS(next);
      // Read again when next shown; refetching now would remount the form and hide "Saved.".
      void queries.invalidateQueries({ queryKey: ["order-settings", props.id], refetchType: "none" });
    },
  });
  const error = save.error;
  const saved = save.isSuccess;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };

  return (
    <form className="card form" onSubmit={submit} aria-label="Order settings">
      <h2>Order settings</h2>
      <fieldset>
        <legend>Post sales to the books as</legend>
        <label className="switch">
          <input
            type="radio"
            name="postingMode"
            checked={s.postingMode === "summary"}
            onChange={() => setS({ ...s, postingMode: "summary" })}
          />
          A summary sale per period (recommended): all lines grouped by SKU, with the list of orders it covers
        </label>
        <label className="switch">
          <input
            type="radio"
            name="postingMode"
            checked={s.postingMode === "individual"}
            onChange={() => setS({ ...s, postingMode: "individual" })}
          />
          One sale per order
        </label>
      </fieldset>
      <label>
        Summary grouping
        <select
          value={s.grouping}
          disabled={s.postingMode !== "summary"}
          onChange={(e) => setS({ ...s, grouping: e.target.value as OrderSettings["grouping"] })}
        >
          <option value="day">One summary per day for this store</option>
          <option value="month">One summary per month (order date)</option>
        </select>
      </label>
      <label>
        Books connection
        <select
          value={s.booksConnectionId ?? ""}
          onChange={(e) => setS({ ...s, booksConnectionId: e.target.value || null })}
        >
          <option value="">Do not post this channel's sales</option>
          {props.books.map((b) => (
            <option key={b.id} value={b.id}>
              {b.name} ({b.platform})
            </option>
          ))}
        </select>
      </label>
      <label>
        Customer on summary sales
        <input
          value={s.summaryCustomer ?? ""}
          placeholder="default: “<store name> sales”"
          onChange={(e) => setS({ ...s, summaryCustomer: e.target.value })}
        />
      </label>
      <ErrorBox error={error} />
      <div className="row">
        <button type="submit" className="primary">
          Update
        </button>
        {saved && <span role="status">Saved.</span>}
      </div>
    </form>
  );
}
