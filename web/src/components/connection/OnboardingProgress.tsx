import type { Onboarding } from "../../api/types.ts";
import { dateTime, words } from "../../format.ts";
import { runErrorAdvice } from "../../sync-advice.ts";
import { Badge } from "../common.tsx";
import { countsText } from "../sync/RunState.tsx";

const stepNames: Record<string, string> = {
  "new-products": "Import products",
  "new-orders": "Download the last 90 days of orders",
  "initial-stock": "Take the channel's stock levels",
};

/** The first import after pairing (R-ORD-1): each step with done / estimated total while it runs. */
export function OnboardingProgress(props: { onboarding: Onboarding }) {
  const o = props.onboarding;
  if (o.status === "succeeded")
    return <p className="muted small">First import finished {dateTime(o.finishedAt)}.</p>;
  return (
    <section className="card" aria-label="First import">
      <h2>First import {o.status === "failed" ? "stopped" : "in progress"}</h2>
      <ol className="messages">
        {o.steps.map((s) => {
          const advice = runErrorAdvice(s.reasonCode);
          return (
            <li key={s.kind}>
              {stepNames[s.kind] ?? words(s.kind)} <Badge value={s.status} />{" "}
              {s.status === "running" && (
                <span className="small" aria-live="polite">
                  {s.estimatedTotal ? <progress value={s.done} max={s.estimatedTotal} /> : null} {s.done}
                  {s.estimatedTotal ? ` / ~${s.estimatedTotal}` : " done"}
                </span>
              )}
              {(s.status === "succeeded" || s.status === "partial") && (
                <span className="small">{countsText(s.counts)}</span>
              )}
              {s.reason && (
                <div className={`small ${s.status === "failed" ? "error" : "muted"}`}>
                  {s.reason}
                  {advice && <span className="advice">{advice}</span>}
                </div>
              )}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
