import "../sync-screens.css";
import { api } from "../api.ts";
import { ErrorBox, useLoad } from "../components/common.tsx";
import { IssuesList } from "../components/sync/IssuesList.tsx";
import { SyncLogTable } from "../components/sync/SyncLogTable.tsx";
import type { Connection } from "../types.ts";

/** Across all connections: what needs a person (with Replay) and the per-SKU sync results. */
export function SyncLog() {
  const connections = useLoad(() => api.get<{ items: Connection[] }>("/api/v1/connections"), "connections");
  return (
    <>
      <h1>Sync log</h1>
      <ErrorBox error={connections.error} />
      <IssuesList connections={connections.data?.items ?? []} />
      <SyncLogTable connections={connections.data?.items ?? []} />
    </>
  );
}
