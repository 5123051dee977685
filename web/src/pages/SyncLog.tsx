import { useQuery } from "@tanstack/react-query";
import { client, unwrap } from "../api/client.ts";
import { ErrorBox } from "../components/ErrorBox.tsx";
import "../sync-screens.css";
import { IssuesList } from "../components/sync/IssuesList.tsx";
import { SyncLogTable } from "../components/sync/SyncLogTable.tsx";

/** Across all connections: what needs a person (with Replay) and the per-SKU sync results. */
export function SyncLog() {
  const connections = useQuery({
    queryKey: ["connections"],
    queryFn: () => unwrap(client.GET("/api/v1/connections")),
  });
  return (
    <>
      <h1>Sync log</h1>
      <ErrorBox error={connections.error} />
      <IssuesList connections={connections.data?.items ?? []} />
      <SyncLogTable connections={connections.data?.items ?? []} />
    </>
  );
}
