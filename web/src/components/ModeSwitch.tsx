import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { client, unwrap } from "../api/client.ts";
import type { Connection, Mode } from "../api/types.ts";
import { ErrorBox } from "./ErrorBox.tsx";

const MODES: Mode[] = ["test", "shadow", "live"];

function consequence(mode: Mode, c: Connection): string {
  if (mode === "live") {
    return `Stockwire will start sending to ${c.name}: stock quantities for every linked product, shipping confirmations and, for books, postings. Changes on ${c.platform} happen for real.`;
  }
  if (mode === "shadow") {
    return `Nothing is sent to ${c.name}. What would be sent (stock quantities, confirmations) is recorded as previews you can review.`;
  }
  return `Stockwire stops sending anything to ${c.name} and records no previews; feeds keep reading from it.`;
}

/** Test / shadow / live, each switch confirmed with what will start (or stop) being sent. */
export function ModeSwitch(props: { connection: Connection }) {
  const [asked, setAsked] = useState<Mode | null>(null);
  const c = props.connection;
  const queries = useQueryClient();
  const change = useMutation({
    mutationFn: (mode: Mode) =>
      unwrap(
        client.POST("/api/v1/connections/{id}/mode", { params: { path: { id: c.id } }, body: { mode } }),
      ),
    onSuccess: () => {
      setAsked(null);
      // The connection (its mode, pending pushes, history) and every list showing it.
      return queries.invalidateQueries({ queryKey: ["connections"] });
    },
  });
  const error = change.error;
  const busy = change.isPending;

  const confirm = () => {
    if (asked) change.mutate(asked);
  };

  return (
    <div>
      <fieldset className="segmented" aria-label="Mode">
        {MODES.map((m) => (
          <button
            key={m}
            type="button"
            aria-pressed={c.mode === m}
            className={c.mode === m ? "primary" : ""}
            onClick={() => m !== c.mode && setAsked(m)}
          >
            {m}
          </button>
        ))}
      </fieldset>
      {asked && (
        <div className={`confirm ${asked === "live" ? "confirm-danger" : ""}`} role="alertdialog">
          <p>
            <strong>Switch to {asked}?</strong> {consequence(asked, c)}
          </p>
          <button type="button" className="primary" disabled={busy} onClick={confirm}>
            Switch to {asked}
          </button>{" "}
          <button type="button" onClick={() => setAsked(null)}>
            Cancel
          </button>
        </div>
      )}
      <ErrorBox error={error} />
    </div>
  );
}
