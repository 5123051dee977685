import { api } from "../../api.ts";
import { dateTime } from "../../format.ts";
import type { Notification, Page } from "../../types.ts";
import { ErrorBox, useLoad } from "../common.tsx";

/** The latest notifications; the bell holds the full centre. */
export function RecentNotifications() {
  const recent = useLoad(
    () => api.get<Page<Notification>>("/api/v1/notifications", { limit: 6 }),
    "home-notes",
  );
  return (
    <section className="card" aria-label="Recent notifications">
      <h2>Recent notifications</h2>
      <ErrorBox error={recent.error} />
      {recent.data?.items.length === 0 && <p className="muted">No notifications yet.</p>}
      <ul className="messages">
        {recent.data?.items.map((n) => (
          <li key={n.id} className={n.read ? "" : "unread"}>
            <span className={`sev-${n.severity}`}>{n.title}</span>{" "}
            <span className="muted small">{dateTime(n.createdAt)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
