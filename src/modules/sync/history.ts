import { eq } from "drizzle-orm";
import type { AppContext } from "../../context.ts";
import type { Db } from "../../db/engine.ts";
import type { SyncIssue } from "../connections/index.ts";
import { appendEvents } from "../events/index.ts";
import { backfillFinished } from "./events.ts";
import type { RunRecorder } from "./runs.ts";
import { feedRuns } from "./schema.ts";

/**
 * How long before a backfill was asked for something may have happened and still be news: the
 * order placed while the merchant was filling in the pairing form, and a few minutes of clock
 * difference between the platform and the hub.
 */
export const HISTORY_GRACE_MS = 5 * 60 * 1000;

/**
 * History is not news. A read over the whole 90-day window — an onboarding backfill, a manual or
 * retried full re-read, or a feed's very first read (no watermark yet) — brings what the merchant
 * already lived through; an alert, refund or goal notification for each of 3,000 old orders would
 * bury the one that matters. Such a read marks as history what happened before the hub was
 * watching: before the feed's last completed read began (its watermark) or, for a feed that never
 * completed one, before the run was queued — less `HISTORY_GRACE_MS` either way. An order is dated
 * by when it was placed, a status change by the platform's update time, a refund by when it was
 * made, a channel's shipment by the order's update time (the latest it can have shipped).
 * Anything later is news however it arrives: an order placed while the catalogue was still
 * importing, a refund made yesterday on a two-month-old order, the orders of an outage that a
 * full re-read recovers (the watermark stayed where the outage began).
 *
 * The run's queue time, not its start, is the edge: a pairing queues the backfill at once, but it
 * may start minutes later, behind the product import. Incremental reads (webhooks, scheduled runs
 * from a watermark) bring only what changed since the hub last looked, so they never mark history:
 * an order paid today after days parked as unpaid is news.
 *
 * History still counts everywhere a sale counts (stock, books, reports, planner, goal progress);
 * only notifications stay quiet, and one `backfill_summary` says what came in.
 */
export function historyCutoff(
  run: { queuedAt: Date },
  read: { full: boolean; watermark: Date | null },
): Date | undefined {
  if (!read.full && read.watermark) return undefined;
  const watched = read.watermark && read.watermark < run.queuedAt ? read.watermark : run.queuedAt;
  return new Date(watched.getTime() - HISTORY_GRACE_MS);
}

export const isHistory = (at: Date, cutoff: Date | undefined): boolean =>
  cutoff !== undefined && at.getTime() < cutoff.getTime();

/**
 * An order a full backfill had to park (unknown SKU, unpaid) and that comes in later by retry or
 * replay is that backfill's work finished late, so it keeps the backfill's edge: mapping a missing
 * SKU after pairing must not announce two hundred old orders. (A first read that was not `full`
 * cannot be told apart afterwards; its parked orders come in as news.)
 */
export async function retryHistoryCutoff(db: Db, issue: SyncIssue): Promise<Date | undefined> {
  if (!issue.lastRunId) return undefined;
  const [run] = await db
    .select({ queuedAt: feedRuns.queuedAt, full: feedRuns.full })
    .from(feedRuns)
    .where(eq(feedRuns.id, issue.lastRunId));
  return run?.full ? historyCutoff(run, { full: true, watermark: null }) : undefined;
}

/**
 * Once a backfill has read its whole window: one `backfill.finished` event with what it brought as
 * history, for the single summary notification. A run resumed after a crash may get here twice;
 * the notification is keyed by the run, so it is still raised once. A run that fails half way
 * says nothing here (its job-completion notice reports the failure and the counts).
 */
export async function announceHistory(
  ctx: AppContext,
  recorder: RunRecorder,
  window: { from: Date; to: Date },
): Promise<void> {
  const { run, counts } = recorder;
  const orders = counts.historical ?? 0;
  const refunds = counts.historicalRefunds ?? 0;
  if (orders === 0 && refunds === 0) return;
  await appendEvents(ctx.db, [
    backfillFinished.of({
      accountId: run.accountId,
      subject: run.connectionId,
      payload: {
        runId: run.id,
        connectionId: run.connectionId,
        feedKind: run.feedKind,
        trigger: run.trigger,
        orders,
        refunds,
        from: window.from.toISOString().slice(0, 10),
        to: window.to.toISOString().slice(0, 10),
      },
    }),
  ]);
}
