import { useEffect, useState } from "react";
import { client, unwrap } from "../api/client.ts";
import type { Notification } from "../api/types.ts";
import { dateTime } from "../format.ts";
import { navigate } from "../router.ts";
import { ErrorBox } from "./ErrorBox.tsx";
import { notificationsChanged, onNotificationsChanged } from "./notifications/changes.ts";
import "./screens.css";

const POLL_MS = 30_000;

/** The header bell: unread count on every page, a panel with the latest and "Mark all as read". */
export function Bell() {
  const [unread, setUnread] = useState<number | null>(null);
  const [open, setOpen] = useState(false);
  const [items, setItems] = useState<Notification[] | null>(null);
  const [error, setError] = useState<unknown>();

  const refreshCount = () =>
    unwrap(client.GET("/api/v1/notifications/unread-count")).then(
      (r) => setUnread(r.unread),
      () => setUnread(null),
    );

  // biome-ignore lint/correctness/useExhaustiveDependencies: poll once per mount.
  useEffect(() => {
    void refreshCount();
    const timer = setInterval(refreshCount, POLL_MS);
    // The centre marked something read: the count follows at once.
    const stop = onNotificationsChanged(refreshCount);
    return () => {
      clearInterval(timer);
      stop();
    };
  }, []);

  const toggle = async () => {
    const next = !open;
    setOpen(next);
    if (!next) return;
    setError(undefined);
    try {
      setItems(
        (await unwrap(client.GET("/api/v1/notifications", { params: { query: { limit: 10 } } }))).items,
      );
      void refreshCount();
    } catch (e) {
      setError(e);
    }
  };

  const markAll = async () => {
    setError(undefined);
    try {
      await unwrap(client.POST("/api/v1/notifications/read-all", { body: {} }));
      setItems((list) => list?.map((n) => ({ ...n, read: true })) ?? null);
      setUnread(0);
      notificationsChanged();
    } catch (e) {
      setError(e);
    }
  };

  /** Opens one in the centre, expanded, and marks it read (as opening it in the centre does). */
  const openOne = async (n: Notification) => {
    setOpen(false);
    if (!n.read)
      await unwrap(client.POST("/api/v1/notifications/{id}/read", { params: { path: { id: n.id } } })).catch(
        () => undefined,
      );
    navigate(`/notifications?open=${n.id}`);
    notificationsChanged();
  };

  return (
    <div className="bell">
      <button
        type="button"
        className="bell-button"
        aria-label={`Notifications${unread ? `, ${unread} unread` : ""}`}
        aria-expanded={open}
        onClick={toggle}
      >
        <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">
          <path
            fill="currentColor"
            d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z"
          />
        </svg>
        {unread ? <span className="bell-count">{unread > 99 ? "99+" : unread}</span> : null}
      </button>
      {open && (
        <div className="bell-panel" role="dialog" aria-label="Notifications">
          <div className="bell-head">
            <strong>Notifications</strong>
            <button type="button" className="link-button" onClick={markAll} disabled={unread === 0}>
              Mark all as read
            </button>
          </div>
          <ErrorBox error={error} />
          {items === null && !error && <p className="muted">Loading…</p>}
          {items?.length === 0 && <p className="muted">Nothing yet. Sync results and alerts appear here.</p>}
          <ul className="bell-list">
            {items?.map((n) => (
              <li key={n.id} className={n.read ? "read" : "unread"}>
                <button type="button" className="link-button bell-item" onClick={() => void openOne(n)}>
                  <div className={`sev sev-${n.severity}`}>{n.title}</div>
                  {n.body && <div className="muted small">{n.body}</div>}
                  <div className="muted small">{dateTime(n.createdAt)}</div>
                </button>
              </li>
            ))}
          </ul>
          <button
            type="button"
            className="link-button small"
            onClick={() => {
              setOpen(false);
              navigate("/notifications");
            }}
          >
            All notifications
          </button>
        </div>
      )}
    </div>
  );
}
