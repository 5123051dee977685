import type { AppContext } from "../../context.ts";

/**
 * How the sync engine shares worker slots (docs/architecture.md, "Engine: lanes, slots, deferral").
 *
 * Two lanes, each a set of pg-boss queues with slots of its own in every worker process, so one
 * lane never waits for the other's slots:
 * - high: `sync.inbox` (webhooks) and `sync.drain` (stock pushes, shipping confirmations) — what
 *   keeps channels from overselling;
 * - low: `sync.feed-run` (backfills, catalogue reads, stock checks, the inventory source).
 *
 * A slot is held only while work is done: every job runs its platform calls under
 * `withWaitLimit(SLOT_WAIT_MS)`, and a call that would wait longer is deferred — the job leaves its
 * work due at the time the platform allows and queues itself for then. Every job works for a
 * bounded slice and queues the rest behind the other connections' jobs: one job per connection
 * waits at a time, so connections with work take turns.
 */

/** Longest in-process wait of one platform call inside a job (budget, Retry-After, back-off). */
export const SLOT_WAIT_MS = 2_000;
/** Slots per queue and process in the high lane (inbox, drain) and in the low lane (feed runs). */
export const HIGH_LANE_SLOTS = 2;
export const LOW_LANE_SLOTS = 2;
/** How long one job works before it queues the rest of its connection's work behind the others. */
export const DRAIN_SLICE_MS = 10_000;
export const INBOX_SLICE_MS = 5_000;
export const FEED_SLICE_MS = 10_000;
/** A feed run whose connection (or feed) is busy in this lane looks again after this long. */
export const LANE_BUSY_RETRY_MS = 2_000;

/**
 * Queues a per-connection job (`{ connectionId }`) now or after `delayMs`. At most one waits to run
 * now and one to run later per connection (the queue's "short" policy on two keys), so a retry set
 * for minutes ahead never holds back work that is due now, and a burst of kicks is one job.
 */
export async function kickConnection(
  ctx: AppContext,
  job: string,
  connectionId: string,
  delayMs?: number,
): Promise<void> {
  await ctx.queue.send(
    job,
    { connectionId },
    delayMs
      ? { singletonKey: `${connectionId}:later`, startAfter: new Date(Date.now() + delayMs) }
      : { singletonKey: connectionId },
  );
}
