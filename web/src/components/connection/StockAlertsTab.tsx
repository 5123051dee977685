import { useQuery } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { client, unwrap } from "../../api/client.ts";
import type { Connection, PlanSettings } from "../../api/types.ts";
import { Loading } from "../common.tsx";
import { ErrorBox } from "../ErrorBox.tsx";

/** Inventory notification settings for this channel (R-INV-4/5): report window and over/understock days. */
export function StockAlertsTab(props: { connection: Connection }) {
  const c = props.connection;
  const settings = useQuery({
    queryKey: ["planning", "settings", { connectionId: c.id }],
    queryFn: () =>
      unwrap(client.GET("/api/v1/planning/settings", { params: { query: { connectionId: c.id } } })),
  });
  if (settings.error) return <ErrorBox error={settings.error} />;
  if (!settings.data) return <Loading what="inventory notification settings" />;
  return <StockAlertsForm key={JSON.stringify(settings.data)} connection={c} initial={settings.data} />;
}

function StockAlertsForm(props: { connection: Connection; initial: PlanSettings }) {
  const [s, setS] = useState(props.initial);
  const [error, setError] = useState<unknown>();
  const [saved, setSaved] = useState(false);
  const number = (key: "reportDays" | "overstockDays" | "understockDays", label: string, hint: string) => (
    <label>
      {label}
      <input
        type="number"
        required
        value={Number.isNaN(s[key]) ? "" : s[key]}
        onChange={(e) => setS({ ...s, [key]: e.target.valueAsNumber })}
      />
      <span className="muted small">{hint}</span>
    </label>
  );

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    setSaved(false);
    try {
      await unwrap(
        client.PUT("/api/v1/planning/settings", {
          body: {
            connectionId: props.connection.id,
            reportDays: s.reportDays,
            overstockDays: s.overstockDays,
            understockDays: s.understockDays,
          },
        }),
      );
      setSaved(true);
    } catch (e) {
      setError(e);
    }
  };

  return (
    <form className="card form" onSubmit={submit} aria-label="Inventory notifications">
      <h2>Inventory notifications</h2>
      <p className="muted small">
        For each product, Stockwire compares days of supply (available ÷ average daily sales) minus its lead
        time with these limits and notifies you once when a product becomes over- or understocked.
      </p>
      {number("reportDays", "Report days", "Sales history used for the average (default 90).")}
      {number(
        "overstockDays",
        "Overstock above (days)",
        "More spare days than this is overstock (default 100).",
      )}
      {number(
        "understockDays",
        "Understock below (days)",
        "Fewer spare days than this is understock (default 7).",
      )}
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
