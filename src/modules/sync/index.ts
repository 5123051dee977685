// The sync module's public surface: everything outside the module imports this file, never one behind it.
export { type CreateConnectionInput, createConnection, switchConnectionMode } from "./connection-setup.ts";
export { DRAIN_JOB, drainConnection } from "./drain.ts";
export {
  backfillFinished,
  connectionOnboarded,
  feedRunFinished,
  syncRecovered,
  syncStalled,
} from "./events.ts";
export { assertConnectorsRunnable, feedsWithoutRunner } from "./feed-handlers.ts";
export { executeFeedRun, FEED_RUN_JOB, queueFeedRun } from "./feed-runner.ts";
export { newOrdersFeed } from "./feeds/orders.ts";
export { feedOf, listFeeds, updateFeed } from "./feeds.ts";
export { HISTORY_GRACE_MS } from "./history.ts";
export { registerSyncJobs, tick } from "./jobs.ts";
export { syncModule } from "./module.ts";
export { advanceOnboarding } from "./onboarding.ts";
export { pendingSummary } from "./outbox.ts";
export { clearSyncProcessState, createSyncProcessState, type SyncProcessState } from "./process-state.ts";
export { kickDrain, pumpUntilIdle, startPump } from "./pump.ts";
export { registerConnectionRoutes } from "./routes.ts";
export { registerFeedRoutes } from "./routes-feeds.ts";
export { registerInventorySourceRoutes } from "./routes-inventory-source.ts";
export { registerStallRoutes } from "./routes-stalls.ts";
export { claimRun } from "./run-lease.ts";
export { createRun, type FeedRun, finishRun, getRun, listRuns, startRun } from "./runs.ts";
export { feedRuns } from "./schema.ts";
export { watchStalls } from "./stall-episodes.ts";
export { type ConnectionHealth, connectionHealth, stalledConnections } from "./stall-watch.ts";
export { registerWebhooksFor } from "./webhook-registration.ts";
export { registerWebhookRoute } from "./webhooks.ts";
