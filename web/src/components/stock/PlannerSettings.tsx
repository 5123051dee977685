import { type FormEvent, useEffect, useState } from "react";
import { api } from "../../api.ts";
import type { PlanSettings } from "../../types.ts";
import { Problem } from "../books/Problem.tsx";
import { useLoad } from "../common.tsx";

type Form = { reportDays: string; overstockDays: string; understockDays: string };

/** R-INV-5's thresholds, for one channel's sales or the account default; saved with Update. */
export function PlannerSettings(props: { connectionId: string; onSaved: () => void }) {
  const saved = useLoad(
    () => api.get<PlanSettings>("/api/v1/planning/settings", { connectionId: props.connectionId }),
    `plan-settings-${props.connectionId}`,
  );
  const [form, setForm] = useState<Form | null>(null);
  const [error, setError] = useState<unknown>();
  const [done, setDone] = useState(false);
  useEffect(() => {
    const s = saved.data;
    if (s)
      setForm({
        reportDays: String(s.reportDays),
        overstockDays: String(s.overstockDays),
        understockDays: String(s.understockDays),
      });
  }, [saved.data]);

  const whole = (v: string) => /^-?\d+$/.test(v.trim());
  const problems = form
    ? [
        !whole(form.reportDays) || Number(form.reportDays) < 1 || Number(form.reportDays) > 730
          ? "The window is a whole number of days from 1 to 730."
          : null,
        !whole(form.overstockDays) || !whole(form.understockDays)
          ? "Thresholds are whole numbers of days."
          : null,
        whole(form.overstockDays) &&
        whole(form.understockDays) &&
        Number(form.understockDays) >= Number(form.overstockDays)
          ? "The understock threshold must be below the overstock threshold."
          : null,
      ].filter((p) => p !== null)
    : [];

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!form || problems.length > 0) return;
    setError(undefined);
    setDone(false);
    try {
      await api.put("/api/v1/planning/settings", {
        connectionId: props.connectionId || null,
        reportDays: Number(form.reportDays),
        overstockDays: Number(form.overstockDays),
        understockDays: Number(form.understockDays),
      });
      setDone(true);
      props.onSaved();
    } catch (err) {
      setError(err);
    }
  };
  const field = (key: keyof Form, label: string) => (
    <label>
      {label}
      <input
        inputMode="numeric"
        value={form?.[key] ?? ""}
        onChange={(e) => setForm((f) => (f ? { ...f, [key]: e.target.value } : f))}
      />
    </label>
  );
  return (
    <section className="card">
      <h2>Planner settings {props.connectionId ? "for this channel" : "(account default)"}</h2>
      <form className="grid-form" aria-label="Planner settings" onSubmit={submit}>
        {field("reportDays", "Window (days of sales)")}
        {field("understockDays", "Understock below (days)")}
        {field("overstockDays", "Overstock above (days)")}
        <div>
          <button type="submit" className="primary" disabled={!form || problems.length > 0}>
            Update
          </button>
        </div>
      </form>
      {problems.map((p) => (
        <p key={p} className="error-text small">
          {p}
        </p>
      ))}
      <Problem error={error ?? saved.error} />
      {done && (
        <p className="ok-note" role="status">
          Saved. The report and the nightly over/understock check use these from now on.
        </p>
      )}
    </section>
  );
}
