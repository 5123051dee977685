import { useEffect, useState } from "react";
import { client, unwrap } from "../../api/client.ts";
import type { NotificationDetail, NotificationRow } from "../../api/types.ts";
import { dateTime, words } from "../../format.ts";
import { Badge } from "../common.tsx";
import { ErrorBox } from "../ErrorBox.tsx";

/** One row of the centre: title and when; expanded, the full text, its data and its e-mail/webhook deliveries. */
export function NotificationItem(props: {
  n: NotificationRow;
  typeLabel: string;
  connectionName: string | null;
  open: boolean;
  onToggle: () => void;
  onMark: (read: boolean) => void;
}) {
  const { n } = props;
  const [detail, setDetail] = useState<NotificationDetail | null>(null);
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    if (!props.open || detail) return;
    unwrap(client.GET("/api/v1/notifications/{id}", { params: { path: { id: n.id } } })).then(
      setDetail,
      setError,
    );
  }, [props.open, detail, n.id]);

  return (
    <>
      <tr className={`${n.read ? "" : "unread-row"} ${props.open ? "expanded" : ""}`}>
        <td>
          <button
            type="button"
            className="link-button"
            aria-expanded={props.open}
            onClick={props.onToggle}
            style={{ fontWeight: n.read ? 400 : 600, textAlign: "left" }}
          >
            <span className={`sev sev-${n.severity}`}>{n.title}</span>
          </button>
          {!n.read && <span className="visually-hidden"> (unread)</span>}
        </td>
        <td>
          <Badge
            value={n.severity}
            tone={
              n.severity === "error"
                ? "failed"
                : n.severity === "warning"
                  ? "low"
                  : n.severity === "success"
                    ? "succeeded"
                    : "info"
            }
          />
        </td>
        <td className="small">{props.typeLabel}</td>
        <td className="small">{props.connectionName ?? "—"}</td>
        <td className="small">{dateTime(n.createdAt)}</td>
        <td>
          <button type="button" className="link-button" onClick={() => props.onMark(!n.read)}>
            {n.read ? "Mark unread" : "Mark read"}
          </button>
        </td>
      </tr>
      {props.open && (
        <tr className="expanded">
          <td colSpan={6}>
            <ErrorBox error={error} />
            <p style={{ whiteSpace: "pre-wrap" }}>{n.body || <span className="muted">No details.</span>}</p>
            {detail && detail.deliveries.length > 0 && (
              <>
                <h3>Sent to</h3>
                <ul>
                  {detail.deliveries.map((d) => (
                    <li key={`${d.channel}-${d.recipient}`}>
                      {words(d.channel)} {d.recipient}: {words(d.status)}
                      {d.sentAt ? ` ${dateTime(d.sentAt)}` : ""}
                      {d.lastError ? ` — last error: ${d.lastError}` : ""}
                      {d.nextAttemptAt ? ` (next try ${dateTime(d.nextAttemptAt)})` : ""}
                    </li>
                  ))}
                </ul>
              </>
            )}
            {detail && detail.deliveries.length === 0 && (
              <p className="muted small">Shown in the app only.</p>
            )}
          </td>
        </tr>
      )}
    </>
  );
}
