import { useQuery } from "@tanstack/react-query";
import { client, unwrap } from "../api/client.ts";
import { ErrorBox } from "../components/ErrorBox.tsx";
import "../sync-screens.css";
import type { Connection } from "../api/types.ts";
import { Badge, Link, Loading } from "../components/common.tsx";
import { ConnectionTabs, isTab, type TabKey } from "../components/connection/ConnectionTabs.tsx";
import { ExecutionsTab } from "../components/connection/ExecutionsTab.tsx";
import { FeedsTab } from "../components/connection/FeedsTab.tsx";
import { LogsTab } from "../components/connection/LogsTab.tsx";
import { NotificationsTab } from "../components/connection/NotificationsTab.tsx";
import { OnboardingProgress } from "../components/connection/OnboardingProgress.tsx";
import { OrderSettingsTab } from "../components/connection/OrderSettingsTab.tsx";
import { PendingTab } from "../components/connection/PendingTab.tsx";
import { PreviewsTab } from "../components/connection/PreviewsTab.tsx";
import { StockAlertsTab } from "../components/connection/StockAlertsTab.tsx";
import { WebConnectorSetup } from "../components/connection/WebConnectorSetup.tsx";
import { ModeSwitch } from "../components/ModeSwitch.tsx";
import { dateTime } from "../format.ts";

function TabContent(props: { tab: TabKey; connection: Connection }) {
  const c = props.connection;
  switch (props.tab) {
    case "feeds":
      return <FeedsTab connectionId={c.id} />;
    case "executions":
      return <ExecutionsTab connectionId={c.id} />;
    case "pending":
      return <PendingTab connectionId={c.id} />;
    case "previews":
      return <PreviewsTab connection={c} />;
    case "orders":
      return <OrderSettingsTab connection={c} />;
    case "inventory":
      return <StockAlertsTab connection={c} />;
    case "notifications":
      return <NotificationsTab connection={c} />;
    case "logs":
      return <LogsTab connection={c} />;
  }
}

/** One connection: who it is, its mode, and its settings pages as tabs (R-CON-4). */
export function ConnectionPage(props: { id: string; tab?: string }) {
  const path = { id: props.id };
  const connection = useQuery({
    queryKey: ["connections", props.id],
    queryFn: () => unwrap(client.GET("/api/v1/connections/{id}", { params: { path } })),
    // While the first import runs its steps' progress shows without a click.
    refetchInterval: (q) => (q.state.data?.onboarding?.status === "running" ? 2000 : false),
  });
  const pending = useQuery({
    queryKey: ["connections", props.id, "pending", 1],
    queryFn: () =>
      unwrap(client.GET("/api/v1/connections/{id}/pending", { params: { path, query: { limit: 1 } } })),
  });
  const tab: TabKey = isTab(props.tab) ? props.tab : "feeds";
  const c = connection.data;
  const hints = c?.credentials && typeof c.credentials === "object" ? Object.entries(c.credentials) : [];

  return (
    <>
      <p>
        <Link to="/connections">← Connections</Link>
      </p>
      <ErrorBox error={connection.error} />
      {!c && connection.isFetching && <Loading what="connection" />}
      {c && (
        <>
          <h1>
            {c.name} <Badge value={c.mode} />
          </h1>
          <p className="muted">
            {c.platform}
            {c.label ? ` · ${c.label}` : ""} · connected {dateTime(c.createdAt)}
            {pending.data ? ` · ${pending.data.count} waiting to send` : ""}
          </p>
          {hints.length > 0 && (
            <p className="muted small">
              Credentials (stored encrypted, never shown again):{" "}
              {hints.map(([k, v]) => `${k} ${String(v)}`).join(" · ")}
            </p>
          )}
          {c.status === "disconnected" && (
            <p className="notice" role="alert" aria-label="Disconnected">
              Disconnected: {c.disconnectedReason ?? "the platform no longer accepts these credentials"}. No
              feed runs and nothing is sent meanwhile
              {pending.data?.count ? ` (${pending.data.count} waiting to send are kept)` : ""}; new
              credentials connect it again and it carries on.
            </p>
          )}
          {c.webhooks && (
            <p className="notice" role="status" aria-label="Webhooks">
              {c.webhooks.error}
            </p>
          )}
          {c.onboarding && <OnboardingProgress onboarding={c.onboarding} />}
          <section className="card">
            <h2>Mode</h2>
            <ModeSwitch connection={c} />
            {c.mode === "shadow" && (
              <p className="small">
                Nothing is sent while in shadow mode.{" "}
                <Link to={`/connections/${c.id}/previews`}>See what would be sent</Link>.
              </p>
            )}
          </section>
          {c.platform === "quickbooks-desktop" && <WebConnectorSetup connection={c} />}
          <ConnectionTabs connectionId={c.id} current={tab} />
          <TabContent key={`${tab}-${c.mode}`} tab={tab} connection={c} />
        </>
      )}
    </>
  );
}
