import "../sync-screens.css";
import { api } from "../api.ts";
import { ErrorBox, Loading, useLoad } from "../components/common.tsx";
import { ConnectionHealth } from "../components/home/ConnectionHealth.tsx";
import { RecentNotifications } from "../components/home/RecentNotifications.tsx";
import { SalesChart } from "../components/home/SalesChart.tsx";
import { StockAlerts } from "../components/home/StockAlerts.tsx";
import { RunsTable } from "../components/RunsTable.tsx";
import type { Connection, FeedRun, Page, SalesReport } from "../types.ts";

export function Home() {
  const sales = useLoad(() => api.get<SalesReport>("/api/v1/reports/sales", { days: 30 }), "home-sales");
  const connections = useLoad(() => api.get<{ items: Connection[] }>("/api/v1/connections"), "connections");
  const runs = useLoad(() => api.get<Page<FeedRun>>("/api/v1/feed-runs", { limit: 8 }), "home-runs");

  return (
    <>
      <h1>Home</h1>
      <ConnectionHealth />
      <section className="card" aria-label="Sales">
        <h2>Sales, last 30 days</h2>
        <ErrorBox error={sales.error} />
        {!sales.data && sales.loading && <Loading what="sales" />}
        {sales.data && <SalesChart report={sales.data} />}
      </section>
      <div className="columns">
        <StockAlerts />
        <RecentNotifications />
      </div>
      <section className="card">
        <h2>Recent feed runs</h2>
        <ErrorBox error={runs.error} />
        {runs.loading && !runs.data && <Loading what="feed runs" />}
        {runs.data && <RunsTable runs={runs.data.items} connections={connections.data?.items} />}
      </section>
    </>
  );
}
