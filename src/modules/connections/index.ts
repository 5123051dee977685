// The connections module's public face: connections and their modes, connector sessions and
// credentials, and the per-connection record of what happened (issues, sync log, shadow previews).
export {
  type Connection,
  type ConnectionView,
  checkNewConnection,
  connectionView,
  deleteConnection,
  getConnection,
  getConnectionById,
  insertConnection,
  listConnections,
  listConnectionsAcrossAccounts,
  modeHistory,
  type NewConnection,
  setConnectionMode,
  updateConnection,
} from "./connections.ts";
export { type CheckedCredentials, connectorFor, credentialsOf } from "./credentials.ts";
export { markDisconnected } from "./disconnect.ts";
export { connectionCreated, connectionDisconnected, connectionModeChanged, syncError } from "./events.ts";
export {
  dueRetries,
  getIssue,
  type IssueInput,
  issueState,
  issueView,
  listIssues,
  RETRY_BASE_MS,
  RETRY_MAX_ATTEMPTS,
  raiseIssue,
  resolveIssue,
  resolveIssues,
  type SyncIssue,
} from "./issues.ts";
export { connectionsModule } from "./module.ts";
export { listPreviews, type Preview, recordPreviews } from "./previews.ts";
export {
  type ConnectionMode,
  type ConnectionSettings,
  connectionModes,
  type Severity,
  severities,
} from "./schema.ts";
export { openSession } from "./sessions.ts";
export { listSyncLog, recordSyncLog, type SyncLogEntry, type SyncLogPosition } from "./sync-log.ts";
