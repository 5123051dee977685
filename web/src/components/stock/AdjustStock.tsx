import { type FormEvent, useState } from "react";
import { api } from "../../api.ts";
import type { Explain } from "../books/Problem.tsx";
import { Problem } from "../books/Problem.tsx";

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
  onDone: () => void;
}) {
  const [warehouseId, setWarehouseId] = useState(props.warehouses[0]?.warehouseId ?? "");
  const [mode, setMode] = useState<"delta" | "set">("delta");
  const [amount, setAmount] = useState("");
  const [reason, setReason] = useState("adjustment");
  const [note, setNote] = useState("");
  // The key of the change last sent; reused only when exactly the same change is sent again.
  const [sent, setSent] = useState<{ body: string; key: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [done, setDone] = useState<string | null>(null);

  const value = Number(amount);
  const valid =
    amount.trim() !== "" && Number.isInteger(value) && (mode === "set" ? value >= 0 : value !== 0);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!valid) return;
    setBusy(true);
    setError(undefined);
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
      await api.post("/api/v1/stock/adjustments", { ...change, idempotencyKey: key });
      const where = props.warehouses.find((w) => w.warehouseId === warehouseId)?.warehouseName ?? "";
      setDone(
        mode === "set"
          ? `Counted ${value} in ${where}.`
          : `${value > 0 ? "Added" : "Removed"} ${Math.abs(value)} in ${where}.`,
      );
      setAmount("");
      setNote("");
      setSent(null);
      props.onDone();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
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
          <select value={reason} onChange={(e) => setReason(e.target.value)}>
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
      <Problem error={error} explain={explain} />
      {done && (
        <p className="ok-note" role="status">
          {done} Channels that list this SKU get the new quantity.
        </p>
      )}
    </form>
  );
}
