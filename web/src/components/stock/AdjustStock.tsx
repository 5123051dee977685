import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { client, unwrap } from "../../api/client.ts";
import type { Body } from "../../api/types.ts";
import { ErrorBox, type Explain } from "../ErrorBox.tsx";

/** Why stock changed, as the adjustment route takes it (the select offers those values). */
type Reason = NonNullable<Body<"adjustStock">["reason"]>;

const REASONS = [
  { value: "adjustment", label: "Correction" },
  { value: "purchase-receipt", label: "Goods received" },
  { value: "return", label: "Customer return" },
];

/** A key per intended change: resubmitting the same change (after a lost answer) is recorded once (R-INV-3). */
function newKey(): string {
  return globalThis.crypto?.randomUUID?.() ?? `adj-${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

const explain: Explain = (e) =>
  e.code === "idempotency_key_reused"
    ? { what: "This change clashes with one already recorded.", next: "reload the page and enter it again." }
    : e.code === "warehouse_not_found"
      ? { what: "That warehouse no longer exists.", next: "reload the page and pick another warehouse." }
      : undefined;

/** Adds or removes units, or sets a counted quantity, in one warehouse; every change is a movement. */
export function AdjustStock(props: {
  sku: string;
  warehouses: { warehouseId: string; warehouseName: string; onHand: number }[];
}) {
  const [warehouseId, setWarehouseId] = useState(props.warehouses[0]?.warehouseId ?? "");
  const [mode, setMode] = useState<"delta" | "set">("delta");
  const [amount, setAmount] = useState("");
  const [reason, setReason] = useState<Reason>("adjustment");
  const [note, setNote] = useState("");
  // The key of the change last sent; reused only when exactly the same change is sent again.
  const [sent, setSent] = useState<{ body: string; key: string } | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const queries = useQueryClient();
  const adjust = useMutation({
    mutationFn: (body: Body<"adjustStock">) => unwrap(client.POST("/api/v1/stock/adjustments", { body })),
    // The product's stock, its movements and every list showing stock are read again.
    onSuccess: () =>
      Promise.all([
        queries.invalidateQueries({ queryKey: ["products"] }),
        queries.invalidateQueries({ queryKey: ["planning"] }),
      ]),
  });
  const busy = adjust.isPending;
  const error = adjust.error;

  const value = Number(amount);
  const valid =
    amount.trim() !== "" && Number.isInteger(value) && (mode === "set" ? value >= 0 : value !== 0);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!valid) return;
    setDone(null);
    try {
      const change = {
        sku: props.sku,
        warehouseId,
        ...(mode === "set" ? { set: value } : { delta: value, reason }),
        ...(note.trim() ? { note: note.trim() } : {}),
      };
      const body = JSON.stringify(change);
      const key = sent?.body === body ? sent.key : newKey();
      setSent({ body, key });
      await adjust.mutateAsync({ ...change, idempotencyKey: key });
      const where = props.warehouses.find((w) => w.warehouseId === warehouseId)?.warehouseName ?? "";
      setDone(
        mode === "set"
          ? `Counted ${value} in ${where}.`
          : `${value > 0 ? "Added" : "Removed"} ${Math.abs(value)} in ${where}.`,
      );
      setAmount("");
      setNote("");
      setSent(null);
    } catch {
      // Shown from the mutation's error; the same change sent again reuses its key.
    }
  };

  return (
    <form className="grid-form" aria-label="Adjust stock" onSubmit={submit}>
      <label>
        Warehouse
        <select value={warehouseId} onChange={(e) => setWarehouseId(e.target.value)}>
          {props.warehouses.map((w) => (
            <option key={w.warehouseId} value={w.warehouseId}>
              {w.warehouseName} ({w.onHand} on hand)
            </option>
          ))}
        </select>
      </label>
      <label>
        Change
        <select value={mode} onChange={(e) => setMode(e.target.value as "delta" | "set")}>
          <option value="delta">Add or remove units</option>
          <option value="set">Set the counted quantity</option>
        </select>
      </label>
      <label>
        {mode === "set" ? "Counted quantity" : "Units (+ adds, − removes)"}
        <input
          type="number"
          step={1}
          {...(mode === "set" ? { min: 0 } : {})}
          value={amount}
          onChange={(e) => setAmount(e.target.value)}
          aria-invalid={amount !== "" && !valid}
        />
      </label>
      {mode === "delta" && (
        <label>
          Reason
          <select value={reason} onChange={(e) => setReason(e.target.value as Reason)}>
            {REASONS.map((r) => (
              <option key={r.value} value={r.value}>
                {r.label}
              </option>
            ))}
          </select>
        </label>
      )}
      <label>
        Note (optional)
        <input value={note} maxLength={1000} onChange={(e) => setNote(e.target.value)} />
      </label>
      <div>
        <button type="submit" className="primary" disabled={!valid || busy}>
          {busy ? "Saving…" : "Record change"}
        </button>
      </div>
      {amount !== "" && !valid && (
        <p className="error-text small">
          {mode === "set"
            ? "Enter a whole number of 0 or more."
            : "Enter a whole number other than 0, e.g. 5 or -2."}
        </p>
      )}
      <ErrorBox error={error} explain={explain} />
      {done && (
        <p className="ok-note" role="status">
          {done} Channels that list this SKU get the new quantity.
        </p>
      )}
    </form>
  );
}
