import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { client, unwrap } from "../api/client.ts";
import type { CustomAlert } from "../api/types.ts";
import { NOTIFICATION_TABS, SubNav } from "../components/books/SubNav.tsx";
import { Badge, Loading } from "../components/common.tsx";
import { ErrorBox } from "../components/ErrorBox.tsx";
import { AlertBuilder } from "../components/notifications/AlertBuilder.tsx";

async function loadAll() {
  const [alerts, events, webhooks] = await Promise.all([
    unwrap(client.GET("/api/v1/custom-alerts")),
    unwrap(client.GET("/api/v1/custom-alerts/events")),
    unwrap(client.GET("/api/v1/notification-webhooks")),
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

const runTest = (id: string) =>
  unwrap(client.POST("/api/v1/custom-alerts/{id}/test", { params: { path: { id } } }));
/** What testing an alert against the latest event answers. */
type Tested = Awaited<ReturnType<typeof runTest>>;

/** R-NOT-5: the merchant's own alerts, a builder with a live preview, and a test against the latest event. */
export function CustomAlerts() {
  const data = useQuery({ queryKey: ["custom-alerts"], queryFn: loadAll });
  const [editing, setEditing] = useState<CustomAlert | "new" | null>(null);
  const [tests, setTests] = useState<Record<string, Tested>>({});
  const [error, setError] = useState<unknown>();

  const test = async (a: CustomAlert) => {
    setError(undefined);
    try {
      const result = await runTest(a.id);
      setTests((t) => ({ ...t, [a.id]: result }));
    } catch (e) {
      setError(e);
    }
  };
  const remove = async (a: CustomAlert) => {
    setError(undefined);
    try {
      await unwrap(client.DELETE("/api/v1/custom-alerts/{id}", { params: { path: { id: a.id } } }));
      data.refetch();
    } catch (e) {
      setError(e);
    }
  };

  return (
    <>
      <h1>Notifications</h1>
      <SubNav label="Notifications" items={NOTIFICATION_TABS} />
      <ErrorBox error={error ?? data.error} />
      {!data.data && data.isFetching && <Loading what="custom alerts" />}
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
              data.refetch();
            }}
            onCancel={() => setEditing(null)}
          />
        </section>
      )}
    </>
  );
}

function TestResult(props: { result: Tested }) {
  const r = props.result;
  if (!("message" in r) || !r.event)
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
