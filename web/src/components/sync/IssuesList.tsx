import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { client, unwrap } from "../../api/client.ts";
import type { Connection, SyncIssue } from "../../api/types.ts";
import { dateTime, words } from "../../format.ts";
import { adviceFor } from "../../sync-advice.ts";
import { Loading } from "../common.tsx";
import { ErrorBox } from "../ErrorBox.tsx";

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
  const queries = useQueryClient();
  const replayIssue = useMutation({
    mutationFn: () =>
      unwrap(client.POST("/api/v1/sync/issues/{id}/replay", { params: { path: { id: i.id } } })),
    onSuccess: () => {
      props.onReplayed();
      return queries.invalidateQueries({ queryKey: ["sync-issues"] });
    },
  });
  const busy = replayIssue.isPending;
  const error = replayIssue.error;
  const replay = () => replayIssue.mutate();
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
      unwrap(client.GET("/api/v1/sync/issues", { params: { query: { ...scope, severity: "error" } } })),
      unwrap(client.GET("/api/v1/sync/issues", { params: { query: { ...scope, severity: "retry" } } })),
    ]);
    return { errors: errors.items, retrying: retrying.items };
  };
  const issues = useQuery({ queryKey: ["sync-issues", props.connectionId ?? "all"], queryFn: load });
  const nameOf = (id: string) => props.connections?.find((c) => c.id === id)?.name;
  const replayed = (what: string) => () => {
    setNote(`${what}: tried again.`);
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
      {!issues.data && issues.isFetching && <Loading what="items needing attention" />}
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
