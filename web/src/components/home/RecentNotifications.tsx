import { useQuery } from "@tanstack/react-query";
import { client, unwrap } from "../../api/client.ts";
import { dateTime } from "../../format.ts";
import { ErrorBox } from "../ErrorBox.tsx";

/** The latest notifications; the bell holds the full centre. */
export function RecentNotifications() {
  const recent = useQuery({
    queryKey: ["notifications", "recent"],
    queryFn: () => unwrap(client.GET("/api/v1/notifications", { params: { query: { limit: 6 } } })),
  });
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
