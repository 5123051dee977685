import { useState } from "react";
import { api } from "../api.ts";
import { Problem } from "../components/books/Problem.tsx";
import { NOTIFICATION_TABS, SubNav } from "../components/books/SubNav.tsx";
import { Badge, Loading, useLoad } from "../components/common.tsx";
import { AlertBuilder } from "../components/notifications/AlertBuilder.tsx";
import type { AlertEvent, AlertPreview, CustomAlert } from "../types.ts";

async function loadAll() {
  const [alerts, events, webhooks] = await Promise.all([
    api.get<{ items: CustomAlert[] }>("/api/v1/custom-alerts"),
    api.get<{ items: AlertEvent[] }>("/api/v1/custom-alerts/events"),
    api.get<{ items: { id: string; url: string }[] }>("/api/v1/notification-webhooks"),
  ]);
  return { alerts: alerts.items, events: events.items, webhooks: webhooks.items };
}

function recipientsText(a: CustomAlert): string {
  const r = a.recipients;
  return [
    r.owner ? "owner" : null,
    r.customer ? "customer" : null,
    ...r.emails,
    r.webhookIds.length > 0 ? `${r.webhookIds.length} webhook(s)` : null,
  ]
    .filter(Boolean)
    .join(", ");
}

/** R-NOT-5: the merchant's own alerts, a builder with a live preview, and a test against the latest event. */
export function CustomAlerts() {
  const data = useLoad(loadAll, "custom-alerts");
  const [editing, setEditing] = useState<CustomAlert | "new" | null>(null);
  const [tests, setTests] = useState<Record<string, AlertPreview | { event: null }>>({});
  const [error, setError] = useState<unknown>();

  const test = async (a: CustomAlert) => {
    setError(undefined);
    try {
      const result = await api.post<AlertPreview | { event: null }>(`/api/v1/custom-alerts/${a.id}/test`);
      setTests((t) => ({ ...t, [a.id]: result }));
    } catch (e) {
      setError(e);
    }
  };
  const remove = async (a: CustomAlert) => {
    setError(undefined);
    try {
      await api.delete(`/api/v1/custom-alerts/${a.id}`);
      data.reload();
    } catch (e) {
      setError(e);
    }
  };

  return (
    <>
      <h1>Notifications</h1>
      <SubNav label="Notifications" items={NOTIFICATION_TABS} />
      <Problem error={error ?? data.error} />
      {!data.data && data.loading && <Loading what="custom alerts" />}
      {data.data && editing === null && (
        <section className="card">
          <div className="row">
            <h2 style={{ margin: 0, flex: 1 }}>Custom alerts</h2>
            <button type="button" className="primary" onClick={() => setEditing("new")}>
              New alert
            </button>
          </div>
          {data.data.alerts.length === 0 && (
            <p className="muted">
              No custom alerts. Create one to be told about the events that matter to you.
            </p>
          )}
          {data.data.alerts.length > 0 && (
            <table aria-label="Custom alerts">
              <thead>
                <tr>
                  <th>Alert</th>
                  <th>Event</th>
                  <th>Tells</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {data.data.alerts.map((a) => (
                  <tr key={a.id}>
                    <td>
                      {a.name} {!a.enabled && <Badge value="off" tone="blocked" />}
                      {tests[a.id] && <TestResult result={tests[a.id]!} />}
                    </td>
                    <td>{a.eventType}</td>
                    <td className="small">{recipientsText(a)}</td>
                    <td className="row">
                      <button type="button" className="link-button" onClick={() => void test(a)}>
                        Test
                      </button>
                      <button type="button" className="link-button" onClick={() => setEditing(a)}>
                        Edit
                      </button>
                      <button type="button" className="link-button" onClick={() => void remove(a)}>
                        Delete
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      )}
      {data.data && editing !== null && (
        <section className="card">
          <h2>{editing === "new" ? "New alert" : `Edit “${editing.name}”`}</h2>
          <AlertBuilder
            events={data.data.events}
            webhooks={data.data.webhooks}
            editing={editing === "new" ? null : editing}
            onSaved={() => {
              setEditing(null);
              data.reload();
            }}
            onCancel={() => setEditing(null)}
          />
        </section>
      )}
    </>
  );
}

function TestResult(props: { result: AlertPreview | { event: null } }) {
  const r = props.result;
  if (!r.event || !("message" in r))
    return (
      <p className="muted small">No such event has happened yet, so there is nothing to test against.</p>
    );
  return (
    <div className="small">
      <div className="preview-box">{r.message}</div>
      {r.matches
        ? "The latest event matches: it would alert."
        : "The latest event does not match the condition."}
    </div>
  );
}
