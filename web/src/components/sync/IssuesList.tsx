import { useState } from "react";
import { api } from "../../api.ts";
import { dateTime, words } from "../../format.ts";
import { adviceFor } from "../../sync-advice.ts";
import type { Connection, SyncIssue } from "../../types.ts";
import { ErrorBox, Loading, useLoad } from "../common.tsx";

function subjectLabel(i: SyncIssue): string {
  const kinds: Record<string, string> = {
    order: "Order",
    sku: "SKU",
    variant: "Product variant",
    shipment: "Shipment",
    connection: "Connection",
  };
  return `${kinds[i.subjectType] ?? words(i.subjectType)} ${i.subjectId}`;
}

function IssueItem(props: { issue: SyncIssue; connectionName?: string; onReplayed: () => void }) {
  const i = props.issue;
  const advice = adviceFor(i.code, i.severity);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const replay = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await api.post<SyncIssue>(`/api/v1/sync/issues/${i.id}/replay`, {});
      props.onReplayed();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <li className={`issue issue-${i.severity}`} aria-label={subjectLabel(i)}>
      <div className="issue-head">
        <strong>{subjectLabel(i)}</strong>
        {props.connectionName && <span className="muted small"> · {props.connectionName}</span>}
        <span className="muted small">
          {" "}
          · {words(i.feedKind)} · {dateTime(i.updatedAt)}
        </span>
      </div>
      <p>
        {advice.what} <strong>What to do:</strong> {advice.next}
      </p>
      <p className="muted small">
        {i.message} ({i.severity === "retry" ? i.state : `tried ${i.attempts}×`})
      </p>
      <button type="button" disabled={busy} onClick={replay}>
        {busy ? "Replaying…" : "Replay"}
      </button>
      <ErrorBox error={error} />
    </li>
  );
}

/** Items that need a person (with Replay) and items the hub is retrying by itself. */
export function IssuesList(props: { connectionId?: string; connections?: Connection[] }) {
  const [note, setNote] = useState("");
  const scope = props.connectionId ? { connectionId: props.connectionId } : {};
  const load = async () => {
    const [errors, retrying] = await Promise.all([
      api.get<{ items: SyncIssue[] }>("/api/v1/sync/issues", { ...scope, severity: "error" }),
      api.get<{ items: SyncIssue[] }>("/api/v1/sync/issues", { ...scope, severity: "retry" }),
    ]);
    return { errors: errors.items, retrying: retrying.items };
  };
  const issues = useLoad(load, `issues-${props.connectionId ?? "all"}`);
  const nameOf = (id: string) => props.connections?.find((c) => c.id === id)?.name;
  const replayed = (what: string) => () => {
    setNote(`${what}: tried again.`);
    issues.reload();
  };

  return (
    <section className="card" aria-label="Needs attention">
      <h2>Needs attention</h2>
      <ErrorBox error={issues.error} />
      {note && (
        <p className="muted small" role="status">
          {note}
        </p>
      )}
      {!issues.data && issues.loading && <Loading what="items needing attention" />}
      {issues.data?.errors.length === 0 && <p className="muted">Nothing needs your attention.</p>}
      <ul className="issues">
        {issues.data?.errors.map((i) => (
          <IssueItem
            key={i.id}
            issue={i}
            {...(props.connectionId ? {} : { connectionName: nameOf(i.connectionId) ?? "" })}
            onReplayed={replayed(subjectLabel(i))}
          />
        ))}
      </ul>
      {issues.data && issues.data.retrying.length > 0 && (
        <details>
          <summary>{issues.data.retrying.length} retrying by themselves</summary>
          <ul className="issues">
            {issues.data.retrying.map((i) => (
              <IssueItem
                key={i.id}
                issue={i}
                {...(props.connectionId ? {} : { connectionName: nameOf(i.connectionId) ?? "" })}
                onReplayed={replayed(subjectLabel(i))}
              />
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
