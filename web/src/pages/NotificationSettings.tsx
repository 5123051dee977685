import { useQuery } from "@tanstack/react-query";
import { type FormEvent, useEffect, useState } from "react";
import { client, unwrap } from "../api/client.ts";
import type { NotificationSettingsView } from "../api/types.ts";
import { NOTIFICATION_TABS, SubNav } from "../components/books/SubNav.tsx";
import { useConnections } from "../components/books/useConnections.ts";
import { Loading } from "../components/common.tsx";
import { type Advice, ErrorBox, type Explain } from "../components/ErrorBox.tsx";

const EMAIL = /^[^\s@,]+@[^\s@,]+\.[^\s@,]+$/;
type Period = NonNullable<NotificationSettingsView["connections"][number]["ordersCountPeriod"]>;
type PerConnection = Record<string, { types: Record<string, boolean>; ordersCountPeriod: Period }>;

/** What the hub's settings codes (docs/error-codes.md) mean on this page. */
const adviceByCode: Record<string, Advice> = {
  email_invalid: {
    what: "One of the override addresses is not an e-mail address.",
    next: "correct it (addresses are separated by commas), then press Update.",
  },
  override_emails_missing: {
    what: "Override is ticked but no address is given.",
    next: "add at least one address, or untick override.",
  },
};
const explain: Explain = (e) => adviceByCode[e.code];

async function load() {
  const [settings, types] = await Promise.all([
    unwrap(client.GET("/api/v1/notification-settings")),
    unwrap(client.GET("/api/v1/notification-types")),
  ]);
  return { settings, types: types.items };
}

/** R-NOT-3/4: which types are on (account-wide and per connection), global opt-in, where e-mail goes. */
export function NotificationSettings() {
  const connections = useConnections();
  const data = useQuery({ queryKey: ["notification-settings"], queryFn: load });
  const [defaultEmail, setDefaultEmail] = useState("");
  const [override, setOverride] = useState(false);
  const [overrideEmails, setOverrideEmails] = useState("");
  const [globalOptIn, setGlobalOptIn] = useState(false);
  const [types, setTypes] = useState<Record<string, boolean>>({});
  const [perConnection, setPerConnection] = useState<PerConnection>({});
  const [error, setError] = useState<unknown>();
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    const s = data.data?.settings;
    if (!s) return;
    setDefaultEmail(s.defaultEmail ?? "");
    setOverride(s.override.enabled);
    setOverrideEmails(s.override.emails.join(", "));
    setGlobalOptIn(s.globalOptIn);
    setTypes(s.types);
    setPerConnection(
      Object.fromEntries(
        s.connections.map((c) => [
          c.connectionId,
          { types: c.types, ordersCountPeriod: c.ordersCountPeriod },
        ]),
      ),
    );
  }, [data.data]);

  const standard = data.data?.types.filter((t) => t.group === "standard") ?? [];
  const global = data.data?.types.filter((t) => t.group === "global") ?? [];
  const badOverride = overrideEmails
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s && !EMAIL.test(s));
  const overrideEmpty = override && overrideEmails.split(",").every((s) => !s.trim());
  const badDefault = defaultEmail.trim() !== "" && !EMAIL.test(defaultEmail.trim());
  const connectionValue = (id: string, type: string) => perConnection[id]?.types[type] ?? types[type] ?? true;
  const setConnection = (id: string, patch: Partial<PerConnection[string]>) =>
    setPerConnection((p) => ({
      ...p,
      [id]: { types: {}, ordersCountPeriod: "day", ...p[id], ...patch },
    }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(undefined);
    setSaved(false);
    try {
      await unwrap(
        client.PUT("/api/v1/notification-settings", {
          body: {
            defaultEmail: defaultEmail.trim() || null,
            override: { enabled: override, emails: overrideEmails },
            globalOptIn,
            types,
            connections: Object.entries(perConnection).map(([connectionId, c]) => ({
              connectionId,
              types: c.types,
              ordersCountPeriod: c.ordersCountPeriod,
            })),
          },
        }),
      );
      setSaved(true);
      data.refetch();
    } catch (err) {
      setError(err);
    }
  };

  return (
    <>
      <h1>Notifications</h1>
      <SubNav label="Notifications" items={NOTIFICATION_TABS} />
      {!data.data && data.isFetching && <Loading what="settings" />}
      <ErrorBox error={data.error} />
      {data.data && (
        <form aria-label="Notification settings" onSubmit={submit}>
          <section className="card">
            <h2>E-mail</h2>
            <label>
              Default notification e-mail
              <input
                type="email"
                value={defaultEmail}
                placeholder={data.data.settings.ownerEmail ?? ""}
                aria-invalid={badDefault}
                onChange={(e) => setDefaultEmail(e.target.value)}
              />
              <span className="muted small">
                Empty: notifications go to the owner
                {data.data.settings.ownerEmail ? ` (${data.data.settings.ownerEmail})` : ""}.
              </span>
            </label>
            <label className="switch">
              <input type="checkbox" checked={override} onChange={(e) => setOverride(e.target.checked)} />{" "}
              Send to these addresses instead (override)
            </label>
            <label>
              Override addresses, separated by commas
              <input
                aria-label="Override addresses"
                value={overrideEmails}
                disabled={!override}
                aria-invalid={badOverride.length > 0 || overrideEmpty}
                onChange={(e) => setOverrideEmails(e.target.value)}
              />
            </label>
            {badOverride.length > 0 && (
              <p className="error-text small">
                Not an e-mail address: {badOverride.join(", ")}. Correct it before Update.
              </p>
            )}
            {overrideEmpty && (
              <p className="error-text small">Add at least one address, or untick override.</p>
            )}
          </section>
          <section className="card">
            <h2>Types</h2>
            <table aria-label="Notification types">
              <thead>
                <tr>
                  <th>Type</th>
                  <th>Whole account</th>
                  {connections.items.map((c) => (
                    <th key={c.id}>{c.name}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {standard.map((t) => (
                  <tr key={t.key}>
                    <td>{t.label}</td>
                    <td>
                      <input
                        type="checkbox"
                        aria-label={`${t.label} for the whole account`}
                        checked={types[t.key] ?? true}
                        onChange={(e) => setTypes((x) => ({ ...x, [t.key]: e.target.checked }))}
                      />
                    </td>
                    {connections.items.map((c) => (
                      <td key={c.id}>
                        <input
                          type="checkbox"
                          aria-label={`${t.label} for ${c.name}`}
                          checked={connectionValue(c.id, t.key)}
                          onChange={(e) =>
                            setConnection(c.id, {
                              types: { ...perConnection[c.id]?.types, [t.key]: e.target.checked },
                            })
                          }
                        />
                      </td>
                    ))}
                  </tr>
                ))}
                <tr>
                  <td>“Total orders count” covers</td>
                  <td />
                  {connections.items.map((c) => (
                    <td key={c.id}>
                      <select
                        aria-label={`Orders count period for ${c.name}`}
                        value={perConnection[c.id]?.ordersCountPeriod ?? "day"}
                        onChange={(e) => setConnection(c.id, { ordersCountPeriod: e.target.value as Period })}
                      >
                        <option value="day">each day</option>
                        <option value="week">each week</option>
                        <option value="month">each month</option>
                      </select>
                    </td>
                  ))}
                </tr>
              </tbody>
            </table>
          </section>
          <section className="card">
            <h2>Global notifications</h2>
            <label className="switch">
              <input
                type="checkbox"
                checked={globalOptIn}
                onChange={(e) => setGlobalOptIn(e.target.checked)}
              />{" "}
              Receive global notifications
            </label>
            <p className="muted small">{global.map((t) => t.label).join(" · ")} — on or off together.</p>
          </section>
          <ErrorBox error={error} explain={explain} />
          {saved && (
            <p className="ok-note" role="status">
              Settings updated.
            </p>
          )}
          <button
            type="submit"
            className="primary"
            disabled={badOverride.length > 0 || overrideEmpty || badDefault}
          >
            Update
          </button>
        </form>
      )}
    </>
  );
}
