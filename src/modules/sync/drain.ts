import type { AppContext } from "../../context.ts";
import { analyzeIfGrown } from "../../db/analyze.ts";
import { analyzeListingsIfGrown } from "../catalog/index.ts";
import { getConnectionById, openSession } from "../connections/index.ts";
import { acquireDrainLease, releaseDrainLease } from "./drain-lease.ts";
import { drainFulfillments } from "./feeds/shipping-confirmation.ts";
import { drainStock } from "./feeds/stock-export.ts";
import { listFeedsOf } from "./feeds.ts";
import { DRAIN_SLICE_MS } from "./lanes.ts";
import { dueRows, nextDueAt } from "./outbox.ts";
import type { DrainOutcome } from "./process-state.ts";

export const DRAIN_JOB = "sync.drain";

/** How long a drain that found another worker's lease waits before it looks again. */
export const LEASE_BUSY_RETRY_MS = 1_000;

export type { DrainOutcome };

/**
 * Empties a connection's outbox: stock first, then shipping confirmations. Test-mode connections
 * send nothing (their rows wait for go-live), nor do disconnected ones (their rows wait for new
 * credentials); shadow ones record previews. Returns whether work is
 * left, and when to look again, so the job can queue its own follow-up. Within a process, calls for
 * one connection run one after another (the lease's holder is the process, so it cannot keep two
 * of its own drains apart). With `whenBusy: "leave"` (the queue's jobs, which must not sit in a
 * worker slot waiting), a call that finds a drain of the connection here returns at once, and that
 * drain reports more work, so its job queues another pass.
 */
export async function drainConnection(
  ctx: AppContext,
  connectionId: string,
  options: { whenBusy?: "wait" | "leave" } = {},
): Promise<DrainOutcome> {
  // Drains running (or waiting their turn) in this process, by connection.
  const inProcess = ctx.sync.drains;
  const before = inProcess.get(connectionId);
  if (before && options.whenBusy === "leave") {
    before.again = true;
    return { more: false };
  }
  const mine = {
    done: (before?.done ?? Promise.resolve()).catch(() => undefined).then(() => drainOnce(ctx, connectionId)),
    again: false,
  };
  inProcess.set(connectionId, mine);
  try {
    const outcome = await mine.done;
    // Read and cleared in one step, so a caller that left its work to this drain is never lost.
    return mine.again && !outcome.more ? { more: true } : outcome;
  } finally {
    if (inProcess.get(connectionId) === mine) inProcess.delete(connectionId);
  }
}

async function drainOnce(ctx: AppContext, connectionId: string): Promise<DrainOutcome> {
  const connection = await getConnectionById(ctx.db, connectionId);
  // A disconnected connection's rows wait as test mode's do: its new credentials send them (the
  // minute tick kicks every outbox with due rows), instead of each failing and backing off.
  if (!connection || connection.mode === "test" || connection.disconnectedAt) return { more: false };
  const connector = ctx.connectors[connection.platform];
  if (!connector) return { more: false };
  const enabled = new Set(
    (await listFeedsOf(ctx.db, connection.id)).filter((f) => f.enabled).map((f) => f.kind),
  );
  // One drainer per connection across all workers. The holder may be finishing just as this work
  // arrived, so the work is looked at again shortly rather than left for the minute tick.
  if (!(await acquireDrainLease(ctx.db, connection.id)))
    return { more: true, retryAfterMs: LEASE_BUSY_RETRY_MS };
  let outcome: Awaited<ReturnType<typeof drainWithLease>>;
  try {
    outcome = await drainWithLease(ctx, connection, enabled);
  } finally {
    await releaseDrainLease(ctx.db, connection.id);
  }
  if (outcome.retryAfterMs !== undefined) return { more: true, retryAfterMs: outcome.retryAfterMs };
  if (outcome.more) return { more: true };
  // A row queued after the last empty read, whose kick found the lease still held, is ours to take.
  for (const kind of outcome.kinds) {
    if ((await dueRows(ctx.db, connection.id, kind, 1)).length > 0) return { more: true };
  }
  // Rows in back-off are drained when the first falls due, not at the next minute tick.
  const next = await nextDueAt(ctx.db, connection.id, outcome.kinds);
  return next ? { more: true, retryAfterMs: Math.max(1, next.getTime() - Date.now()) } : { more: false };
}

async function drainWithLease(
  ctx: AppContext,
  connection: NonNullable<Awaited<ReturnType<typeof getConnectionById>>>,
  enabled: Set<string>,
): Promise<{ more: boolean; kinds: ("stock" | "fulfillment")[]; retryAfterMs?: number }> {
  const connector = ctx.connectors[connection.platform]!;
  const session = openSession(ctx, connection);
  const deadline = Date.now() + DRAIN_SLICE_MS;
  let more = false;
  let retryAfterMs: number | undefined;
  const later = (ms: number | undefined) => {
    if (ms !== undefined) retryAfterMs = Math.min(retryAfterMs ?? ms, ms);
  };
  const kinds: ("stock" | "fulfillment")[] = [];
  if (enabled.has("stock-export") && session.writeStock) {
    kinds.push("stock");
    // A bulk enqueue (an import, going live) grows the outbox from nearly empty: without fresh
    // statistics the drain's reads and confirms hash the whole backlog. Neither engine can be
    // trusted to analyse on its own (PGlite never does; PostgreSQL may run without autovacuum).
    await analyzeIfGrown(ctx.db, ["outbox"]);
    await analyzeListingsIfGrown(ctx.db);
    const r = await drainStock(ctx, connection, session, {
      batchSize: connector.capabilities.maxStockBatch,
      compareAndSet: connector.capabilities.compareAndSet,
      deadline,
    });
    more ||= r.more;
    later(r.retryAfterMs);
  }
  if (enabled.has("shipping-confirmation") && session.createFulfillment) {
    kinds.push("fulfillment");
    const r = await drainFulfillments(ctx, connection, session, deadline);
    more ||= r.more;
    later(r.retryAfterMs);
  }
  return { more, kinds, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) };
}
