/**
 * Sync's work in flight in one hub process, by connection. It lives on the hub's context (made by
 * startHub, emptied by its stop()), not in module variables, so two hubs in one process (tests, the
 * CLI beside a server) never see each other's drains, pumps or passes.
 */

export type DrainOutcome = {
  /** Work is left (or arrived while the lease was being let go): the caller should drain again. */
  more: boolean;
  /**
   * Drain again only after this long: another worker holds the lease, the platform deferred the
   * work (rate limit, outage), or the rows left are in back-off until then.
   */
  retryAfterMs?: number;
};

export type SyncProcessState = {
  /** Outbox drains running (or waiting their turn) here; `again`: a kick arrived meanwhile (drain.ts). */
  drains: Map<string, { done: Promise<DrainOutcome>; again: boolean }>;
  /** Wake-up calls of the running event pumps, for work that changed stock and just committed (pump.ts). */
  pumps: Set<() => void>;
  /** Connections with a feed-run slice in progress: one slot each in the low lane (feed-runner.ts). */
  feedSlices: Set<string>;
  /** Inbox passes running; a kick meanwhile asks for one more loop (inbox.ts). */
  inboxPasses: Map<string, { again: boolean }>;
  /**
   * Webhooks set aside, deferred by the platform client or failed, until `retryAt`. Kept in memory:
   * after a restart they are simply tried again (inbox.ts).
   */
  inboxSetAside: Map<string, { connectionId: string; failures: number; retryAt: number }>;
};

export function createSyncProcessState(): SyncProcessState {
  return {
    drains: new Map(),
    pumps: new Set(),
    feedSlices: new Set(),
    inboxPasses: new Map(),
    inboxSetAside: new Map(),
  };
}

export function clearSyncProcessState(state: SyncProcessState): void {
  state.drains.clear();
  state.pumps.clear();
  state.feedSlices.clear();
  state.inboxPasses.clear();
  state.inboxSetAside.clear();
}
