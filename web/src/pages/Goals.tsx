import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { client, unwrap } from "../api/client.ts";
import type { Body, Goal, GoalMetric, GoalProgress } from "../api/types.ts";
import { PLANNER_TABS, SubNav } from "../components/books/SubNav.tsx";
import { useConnections } from "../components/books/useConnections.ts";
import { Loading } from "../components/common.tsx";
import { ErrorBox } from "../components/ErrorBox.tsx";
import { dateTime, words } from "../format.ts";

const METRICS: { value: GoalMetric; label: string }[] = [
  { value: "revenue", label: "Revenue" },
  { value: "orders", label: "Orders" },
  { value: "units", label: "Units sold" },
  { value: "refunds", label: "Refunds" },
];
const PERIODS = ["day", "week", "month", "quarter", "year"] as const;
const isMoney = (m: GoalMetric) => m === "revenue" || m === "refunds";
/** Money goals span currencies, so amounts show without a currency sign. */
const show = (metric: GoalMetric, n: number) =>
  isMoney(metric) ? (n / 100).toLocaleString(undefined, { minimumFractionDigits: 2 }) : String(n);

type GoalWithProgress = Goal & { progress: GoalProgress | null };

async function loadGoals(): Promise<GoalWithProgress[]> {
  const { items } = await unwrap(client.GET("/api/v1/goals"));
  return Promise.all(
    items.map(async (g) => ({
      ...g,
      progress: await unwrap(
        client.GET("/api/v1/goals/{id}/progress", { params: { path: { id: g.id } } }),
      ).catch(() => null),
    })),
  );
}

/** R-NOT-7: goals and how far each is in its current period; reaching one raises a notification. */
export function Goals() {
  const connections = useConnections();
  const goals = useQuery({ queryKey: ["goals"], queryFn: loadGoals });
  const queries = useQueryClient();
  const invalidate = () => queries.invalidateQueries({ queryKey: ["goals"] });
  const createGoal = useMutation({
    mutationFn: (body: Body<"createGoal">) => unwrap(client.POST("/api/v1/goals", { body })),
    onSuccess: () => {
      setForm((f) => ({ ...f, name: "", amount: "" }));
      return invalidate();
    },
  });
  const removeGoal = useMutation({
    mutationFn: (id: string) => unwrap(client.DELETE("/api/v1/goals/{id}", { params: { path: { id } } })),
    onSuccess: invalidate,
  });
  const error = createGoal.error ?? removeGoal.error;
  const [form, setForm] = useState({
    name: "",
    metric: "revenue" as GoalMetric,
    period: "month" as Goal["period"],
    amount: "",
    connectionId: "",
  });
  const amount = Number(form.amount);
  const amountOk =
    form.amount.trim() !== "" && amount > 0 && (isMoney(form.metric) || Number.isInteger(amount));

  const create = (e: FormEvent) => {
    e.preventDefault();
    if (!amountOk || !form.name.trim()) return;
    removeGoal.reset();
    createGoal.mutate({
      name: form.name.trim(),
      metric: form.metric,
      period: form.period,
      // Money goals are kept in minor units (cents).
      amount: isMoney(form.metric) ? Math.round(amount * 100) : amount,
      connectionId: form.connectionId || null,
    });
  };
  const remove = (id: string) => {
    createGoal.reset();
    removeGoal.mutate(id);
  };

  return (
    <>
      <h1>Planner</h1>
      <SubNav label="Planner" items={PLANNER_TABS} />
      <section className="card">
        <h2>Goals</h2>
        <ErrorBox error={error ?? goals.error} />
        {!goals.data && goals.isFetching && <Loading what="goals" />}
        {goals.data?.length === 0 && <p className="muted">No goals yet. Set one below.</p>}
        {goals.data && goals.data.length > 0 && (
          <table aria-label="Goals">
            <thead>
              <tr>
                <th>Goal</th>
                <th>Target</th>
                <th>Progress this period</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {goals.data.map((g) => (
                <tr key={g.id}>
                  <td>
                    {g.name}
                    <div className="muted small">
                      {g.connectionId ? connections.nameOf(g.connectionId) : "All channels"}
                    </div>
                  </td>
                  <td>
                    {show(g.metric, g.amount)} {words(g.metric).toLowerCase()} a {g.period}
                  </td>
                  <td>
                    {g.progress ? (
                      <>
                        <meter
                          className="goal-meter"
                          aria-label={`${g.name} progress`}
                          min={0}
                          max={100}
                          value={g.progress.percent}
                        />{" "}
                        {show(g.metric, g.progress.value)} of {show(g.metric, g.progress.amount)} (
                        {g.progress.percent}%)
                        {g.progress.achieved && <strong className="ok-note"> · achieved</strong>}
                        <div className="muted small">until {dateTime(g.progress.periodEnd)}</div>
                      </>
                    ) : (
                      "—"
                    )}
                  </td>
                  <td>
                    <button type="button" className="link-button" onClick={() => void remove(g.id)}>
                      Delete
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section className="card">
        <h2>Set a goal</h2>
        <form className="grid-form" aria-label="Set a goal" onSubmit={create}>
          <label>
            Name
            <input
              required
              maxLength={200}
              value={form.name}
              onChange={(e) => setForm({ ...form, name: e.target.value })}
            />
          </label>
          <label>
            Measure
            <select
              value={form.metric}
              onChange={(e) => setForm({ ...form, metric: e.target.value as GoalMetric })}
            >
              {METRICS.map((m) => (
                <option key={m.value} value={m.value}>
                  {m.label}
                </option>
              ))}
            </select>
          </label>
          <label>
            Per
            <select
              value={form.period}
              onChange={(e) => setForm({ ...form, period: e.target.value as Goal["period"] })}
            >
              {PERIODS.map((p) => (
                <option key={p} value={p}>
                  {p}
                </option>
              ))}
            </select>
          </label>
          <label>
            Target {isMoney(form.metric) ? "(amount)" : "(count)"}
            <input
              inputMode="decimal"
              value={form.amount}
              aria-invalid={form.amount !== "" && !amountOk}
              onChange={(e) => setForm({ ...form, amount: e.target.value })}
            />
          </label>
          <label>
            Channel
            <select
              value={form.connectionId}
              onChange={(e) => setForm({ ...form, connectionId: e.target.value })}
            >
              <option value="">All channels</option>
              {connections.items.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </label>
          <div>
            <button type="submit" className="primary" disabled={!amountOk || !form.name.trim()}>
              Add goal
            </button>
          </div>
        </form>
        {form.amount !== "" && !amountOk && (
          <p className="error-text small">
            {isMoney(form.metric) ? "Enter an amount above 0, e.g. 5000." : "Enter a whole number above 0."}
          </p>
        )}
      </section>
    </>
  );
}
