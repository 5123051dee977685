import { useQuery } from "@tanstack/react-query";
import { client, unwrap } from "../api/client.ts";
import { ErrorBox } from "../components/ErrorBox.tsx";
import "../sync-screens.css";
import { Loading } from "../components/common.tsx";
import { ConnectionHealth } from "../components/home/ConnectionHealth.tsx";
import { RecentNotifications } from "../components/home/RecentNotifications.tsx";
import { SalesChart } from "../components/home/SalesChart.tsx";
import { StockAlerts } from "../components/home/StockAlerts.tsx";
import { RunsTable } from "../components/RunsTable.tsx";

export function Home() {
  const sales = useQuery({
    queryKey: ["sales-report", 30],
    queryFn: () => unwrap(client.GET("/api/v1/reports/sales", { params: { query: { days: 30 } } })),
  });
  const connections = useQuery({
    queryKey: ["connections"],
    queryFn: () => unwrap(client.GET("/api/v1/connections")),
  });
  const runs = useQuery({
    queryKey: ["feed-runs", "home"],
    queryFn: () => unwrap(client.GET("/api/v1/feed-runs", { params: { query: { limit: 8 } } })),
  });

  return (
    <>
      <h1>Home</h1>
      <ConnectionHealth />
      <section className="card" aria-label="Sales">
        <h2>Sales, last 30 days</h2>
        <ErrorBox error={sales.error} />
        {!sales.data && sales.isFetching && <Loading what="sales" />}
        {sales.data && <SalesChart report={sales.data} />}
      </section>
      <div className="columns">
        <StockAlerts />
        <RecentNotifications />
      </div>
      <section className="card">
        <h2>Recent feed runs</h2>
        <ErrorBox error={runs.error} />
        {runs.isFetching && !runs.data && <Loading what="feed runs" />}
        {runs.data && <RunsTable runs={runs.data.items} connections={connections.data?.items} />}
      </section>
    </>
  );
}
