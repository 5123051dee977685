import { useQuery } from "@tanstack/react-query";
import { type FormEvent, useEffect, useState } from "react";
import { client, unwrap } from "../api/client.ts";
import { NOTIFICATION_TABS, SubNav } from "../components/books/SubNav.tsx";
import { dayEnd, dayStart, useConnections } from "../components/books/useConnections.ts";
import { Loading } from "../components/common.tsx";
import { ErrorBox } from "../components/ErrorBox.tsx";
import { notificationsChanged, onNotificationsChanged } from "../components/notifications/changes.ts";
import { NotificationItem } from "../components/notifications/NotificationItem.tsx";
import { useNotificationList } from "../components/notifications/useNotificationList.ts";

/** The bell links to `/notifications?open=<id>` to show one notification expanded. */
const openedFromLink = () => new URLSearchParams(location.search).get("open");

type Filters = {
  type: string;
  connectionId: string;
  severity: string;
  read: string;
  from: string;
  to: string;
};
const NO_FILTERS: Filters = { type: "", connectionId: "", severity: "", read: "", from: "", to: "" };

/** R-NOT-1: every notification, with filters, search, details, mark read and mark all as read. */
export function Notifications() {
  const connections = useConnections();
  const types = useQuery({
    queryKey: ["notification-types"],
    queryFn: () => unwrap(client.GET("/api/v1/notification-types")),
  });
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [search, setSearch] = useState("");
  const [q, setQ] = useState("");
  const [open, setOpen] = useState<string | null>(openedFromLink);
  const [error, setError] = useState<unknown>();
  const list = useNotificationList({
    ...filters,
    from: dayStart(filters.from) ?? "",
    to: dayEnd(filters.to) ?? "",
    q: q.trim(),
  });
  const { refresh } = list;
  // The bell marked something read or opened one from its panel: show the same state here.
  useEffect(
    () =>
      onNotificationsChanged(() => {
        refresh();
        const linked = openedFromLink();
        if (linked) setOpen(linked);
      }),
    [refresh],
  );

  const mark = async (id: string, read: boolean) => {
    setError(undefined);
    try {
      const params = { params: { path: { id } } };
      await unwrap(
        read
          ? client.POST("/api/v1/notifications/{id}/read", params)
          : client.POST("/api/v1/notifications/{id}/unread", params),
      );
      list.patch(id, read);
      notificationsChanged();
    } catch (e) {
      setError(e);
    }
  };
  const toggle = (id: string, read: boolean) => {
    const opening = open !== id;
    setOpen(opening ? id : null);
    if (opening && !read) void mark(id, true);
  };
  const markAll = async () => {
    setError(undefined);
    try {
      await unwrap(client.POST("/api/v1/notifications/read-all", { body: {} }));
      list.patch(null, true);
      notificationsChanged();
    } catch (e) {
      setError(e);
    }
  };
  const set = (key: keyof Filters) => ({
    value: filters[key],
    onChange: (e: { target: { value: string } }) => setFilters((f) => ({ ...f, [key]: e.target.value })),
  });
  const typeLabel = (key: string) => types.data?.items.find((t) => t.key === key)?.label ?? key;

  return (
    <>
      <h1>Notifications</h1>
      <SubNav label="Notifications" items={NOTIFICATION_TABS} />
      <form
        className="filters"
        aria-label="Notification filters"
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          setQ(search);
        }}
      >
        <input
          type="search"
          aria-label="Search notifications"
          placeholder="Search titles and text"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
        <button type="submit">Search</button>
        <select aria-label="Type" {...set("type")}>
          <option value="">Every type</option>
          {types.data?.items.map((t) => (
            <option key={t.key} value={t.key}>
              {t.label}
            </option>
          ))}
        </select>
        <select aria-label="Connection" {...set("connectionId")}>
          <option value="">Every connection</option>
          {connections.items.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
        <select aria-label="Severity" {...set("severity")}>
          <option value="">Every severity</option>
          <option value="error">Error</option>
          <option value="warning">Warning</option>
          <option value="info">Info</option>
          <option value="success">Success</option>
        </select>
        <select aria-label="Read state" {...set("read")}>
          <option value="">Read and unread</option>
          <option value="false">Unread only</option>
          <option value="true">Read only</option>
        </select>
        <input type="date" aria-label="From" {...set("from")} />
        <input type="date" aria-label="To" {...set("to")} />
        <button
          type="button"
          className="link-button"
          onClick={() => {
            setFilters(NO_FILTERS);
            setSearch("");
            setQ("");
          }}
        >
          Clear
        </button>
      </form>
      <section className="card">
        <div className="row">
          <button type="button" onClick={markAll}>
            Mark all as read
          </button>
        </div>
        <ErrorBox error={error ?? list.error ?? types.error} />
        {!list.items && !list.error && <Loading what="notifications" />}
        {list.items?.length === 0 && (
          <p className="muted">
            {q || filters !== NO_FILTERS
              ? "Nothing matches these filters."
              : "Nothing yet. Sync results and alerts appear here."}
          </p>
        )}
        {list.items && list.items.length > 0 && (
          <table aria-label="Notifications">
            <thead>
              <tr>
                <th>Notification</th>
                <th>Severity</th>
                <th>Type</th>
                <th>Connection</th>
                <th>When</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {list.items.map((n) => (
                <NotificationItem
                  key={n.id}
                  n={n}
                  typeLabel={typeLabel(n.type)}
                  connectionName={n.connectionId ? connections.nameOf(n.connectionId) : null}
                  open={open === n.id}
                  onToggle={() => toggle(n.id, n.read)}
                  onMark={(read) => void mark(n.id, read)}
                />
              ))}
            </tbody>
          </table>
        )}
        {list.hasMore && (
          <button type="button" onClick={list.more}>
            Load more
          </button>
        )}
      </section>
    </>
  );
}
