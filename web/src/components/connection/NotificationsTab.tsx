import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { client, unwrap } from "../../api/client.ts";
import type { Connection, NotificationSettings, NotificationTypeInfo } from "../../api/types.ts";
import { Loading } from "../common.tsx";
import { ErrorBox } from "../ErrorBox.tsx";

type Loaded = { types: NotificationTypeInfo[]; settings: NotificationSettings };

async function load(): Promise<Loaded> {
  const [types, settings] = await Promise.all([
    unwrap(client.GET("/api/v1/notification-types")),
    unwrap(client.GET("/api/v1/notification-settings")),
  ]);
  return { types: types.items.filter((t) => t.group === "standard"), settings };
}

/** Which notifications this connection raises (R-NOT-3); saved with an explicit Update. */
export function NotificationsTab(props: { connection: Connection }) {
  const data = useQuery({ queryKey: ["notification-settings", "with-types"], queryFn: load });
  if (data.error) return <ErrorBox error={data.error} />;
  if (!data.data) return <Loading what="notification settings" />;
  return (
    <NotificationSwitches key={JSON.stringify(data.data)} connection={props.connection} {...data.data} />
  );
}

function NotificationSwitches(props: Loaded & { connection: Connection }) {
  const own = props.settings.connections.find((c) => c.connectionId === props.connection.id);
  // The types list names each key as a string; the settings map is keyed by the same keys.
  const account: Record<string, boolean | undefined> = props.settings.types;
  const mine: Record<string, boolean | undefined> = own?.types ?? {};
  const initial = Object.fromEntries(props.types.map((t) => [t.key, mine[t.key] ?? account[t.key] ?? true]));
  const [on, setOn] = useState<Record<string, boolean>>(initial);
  const [period, setPeriod] = useState(own?.ordersCountPeriod ?? "day");
  const [error, setError] = useState<unknown>();
  const [saved, setSaved] = useState(false);

  const update = async () => {
    setError(undefined);
    setSaved(false);
    try {
      await unwrap(
        client.PUT("/api/v1/notification-settings", {
          body: {
            connections: [{ connectionId: props.connection.id, types: on, ordersCountPeriod: period }],
          },
        }),
      );
      setSaved(true);
    } catch (e) {
      setError(e);
    }
  };

  return (
    <section className="card form" aria-label="Notification switches">
      <h2>Notifications for {props.connection.name}</h2>
      <p className="muted small">
        Switched-off types are not recorded for this connection. Other connections keep their own switches.
      </p>
      <div className="switch-list">
        {props.types.map((t) => (
          <label key={t.key} className="switch">
            <input
              type="checkbox"
              checked={on[t.key] ?? true}
              onChange={(e) => setOn({ ...on, [t.key]: e.target.checked })}
            />
            {t.label}
          </label>
        ))}
      </div>
      <label>
        “Total orders count” covers
        <select value={period} onChange={(e) => setPeriod(e.target.value as typeof period)}>
          <option value="day">each day</option>
          <option value="week">each week</option>
          <option value="month">each month</option>
        </select>
      </label>
      <ErrorBox error={error} />
      <div className="row">
        <button type="button" className="primary" onClick={update}>
          Update
        </button>
        {saved && <span role="status">Saved.</span>}
      </div>
    </section>
  );
}
