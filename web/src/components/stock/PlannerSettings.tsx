import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useEffect, useState } from "react";
import { client, unwrap } from "../../api/client.ts";
import { compact } from "../../api/query.ts";
import { ErrorBox } from "../ErrorBox.tsx";

type Form = { reportDays: string; overstockDays: string; understockDays: string };

/** R-INV-5's thresholds, for one channel's sales or the account default; saved with Update. */
export function PlannerSettings(props: { connectionId: string }) {
  const query = compact({ connectionId: props.connectionId });
  const saved = useQuery({
    queryKey: ["planning", "settings", query],
    queryFn: () => unwrap(client.GET("/api/v1/planning/settings", { params: { query } })),
  });
  const [form, setForm] = useState<Form | null>(null);
  const queries = useQueryClient();
  const save = useMutation({
    mutationFn: (f: Form) =>
      unwrap(
        client.PUT("/api/v1/planning/settings", {
          body: {
            connectionId: props.connectionId || null,
            reportDays: Number(f.reportDays),
            overstockDays: Number(f.overstockDays),
            understockDays: Number(f.understockDays),
          },
        }),
      ),
    // The report and every settings view read the saved thresholds again.
    onSuccess: () => queries.invalidateQueries({ queryKey: ["planning"] }),
  });
  const error = save.error;
  const done = save.isSuccess;
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

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!form || problems.length > 0) return;
    save.mutate(form);
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
      <ErrorBox error={error ?? saved.error} />
      {done && (
        <p className="ok-note" role="status">
          Saved. The report and the nightly over/understock check use these from now on.
        </p>
      )}
    </section>
  );
}
