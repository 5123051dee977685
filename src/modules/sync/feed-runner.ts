import { and, eq } from "drizzle-orm";
import type { Logger } from "pino";
import {
  describeMissingFeedMethods,
  type FeedKind,
  feedDirection,
  missingFeedMethods,
  PlatformDeferred,
} from "../../connectors/contract.ts";
import type { AppContext } from "../../context.ts";
import { getConnectionById, openSession } from "../connections/index.ts";
import { feedHandlers } from "./feed-handlers.ts";
import { feedOf } from "./feeds.ts";
import { LANE_BUSY_RETRY_MS } from "./lanes.ts";
import { RunRefused } from "./run-error-code.ts";
import { claimRun, keepRunAlive } from "./run-lease.ts";
import { createRun, type FeedRun, finishRun, startRun } from "./runs.ts";
import { feedRuns, type RunTrigger } from "./schema.ts";

export const FEED_RUN_JOB = "sync.feed-run";
export type FeedRunJob = {
  runId: string;
  connectionId: string;
  kind: string;
  /** The run paused on purpose (its slice ended, or the platform deferred it) and goes on now. */
  continued?: boolean;
};

/**
 * Sends a run's job, now or after `delayMs`. The key is the run: one job waits per run, so sending
 * again for a run whose job waits (onboarding, the tick, a paused run) is a no-op. Runs of the
 * same feed are kept apart by `claimRun`, not by the queue.
 */
export async function sendRunJob(
  ctx: AppContext,
  run: { id: string; connectionId: string; feedKind: string },
  options: { delayMs?: number; continued?: boolean; priority?: number } = {},
): Promise<string | null> {
  return ctx.queue.send<FeedRunJob>(
    FEED_RUN_JOB,
    {
      runId: run.id,
      connectionId: run.connectionId,
      kind: run.feedKind,
      ...(options.continued ? { continued: true } : {}),
    },
    {
      singletonKey: `run:${run.id}`,
      ...(options.delayMs ? { startAfter: new Date(Date.now() + options.delayMs) } : {}),
      ...(options.priority ? { priority: options.priority } : {}),
    },
  );
}

/**
 * Queues a run of one feed. A feed already queued is not queued twice: the existing queued run is
 * returned instead. (Two processes racing here may each queue one; they then run one after the
 * other.) A person's "Run now" goes before scheduled and continuing work in the queue.
 */
export async function queueFeedRun(
  ctx: AppContext,
  input: { accountId: string; connectionId: string; kind: string; trigger: RunTrigger; full?: boolean },
) {
  const [waiting] = await ctx.db
    .select()
    .from(feedRuns)
    .where(
      and(
        eq(feedRuns.connectionId, input.connectionId),
        eq(feedRuns.feedKind, input.kind),
        eq(feedRuns.status, "queued"),
      ),
    );
  if (waiting) return { run: waiting, queued: false };
  const run = await createRun(ctx.db, {
    accountId: input.accountId,
    connectionId: input.connectionId,
    feedKind: input.kind,
    trigger: input.trigger,
    full: input.full ?? false,
  });
  await sendRunJob(ctx, run, input.trigger === "manual" ? { priority: 1 } : {});
  return { run, queued: true };
}

/**
 * Executes a queued run: checks the mode allows it, opens a session, runs the feed, records the
 * outcome. With `sliceMs` (the queue's jobs) it works that long — a feed stops at its next saved
 * cursor — and a run the platform client defers goes back to the queue with its cursor, for when
 * the platform allows; a run whose connection already has a slice going here, or whose feed is
 * running elsewhere, is looked at again shortly. Without it (tests, tools) the run goes to its end.
 */
export async function executeFeedRun(
  ctx: AppContext,
  job: FeedRunJob,
  options: { sliceMs?: number } = {},
): Promise<void> {
  // One logger per run: every line it writes, here and in the feed, names the run, connection and feed.
  const log = ctx.logger.child({ runId: job.runId, connectionId: job.connectionId, feed: job.kind });
  const sliced = options.sliceMs !== undefined;
  // Connections with a feed-run slice in progress in this process: one slot each in the low lane.
  const busyConnections = ctx.sync.feedSlices;
  if (sliced && busyConnections.has(job.connectionId)) {
    await sendRunJob(ctx, runOf(job), { delayMs: LANE_BUSY_RETRY_MS, continued: job.continued ?? false });
    return;
  }
  if (sliced) busyConnections.add(job.connectionId);
  try {
    // A running run is only taken over when its worker stopped beating: it resumes from its cursor.
    const run = await claimRun(ctx.db, job.runId);
    if (!run) {
      if (sliced && (await stillQueued(ctx, job.runId)))
        await sendRunJob(ctx, runOf(job), { delayMs: LANE_BUSY_RETRY_MS, continued: job.continued ?? false });
      return;
    }
    const stopHeartbeat = keepRunAlive(ctx.db, run.id, (err) => log.warn({ err }, "run heartbeat failed"));
    try {
      const deadline = sliced ? Date.now() + options.sliceMs! : undefined;
      await executeClaimedRun(ctx, run, log, {
        continued: job.continued ?? false,
        sliceOver: () => deadline !== undefined && Date.now() >= deadline,
      });
    } finally {
      stopHeartbeat();
    }
  } finally {
    if (sliced) busyConnections.delete(job.connectionId);
  }
}

const runOf = (job: FeedRunJob) => ({ id: job.runId, connectionId: job.connectionId, feedKind: job.kind });

/** A queued run its claim passed over: another run of the same feed is running. */
async function stillQueued(ctx: AppContext, runId: string): Promise<boolean> {
  const [row] = await ctx.db.select({ status: feedRuns.status }).from(feedRuns).where(eq(feedRuns.id, runId));
  return row?.status === "queued";
}

/**
 * Puts a paused run back in the queue (its cursor and counts are saved): queued first, then its
 * job, so a lost send leaves a paused run the tick sends again (run-recovery.ts).
 */
async function pauseRun(ctx: AppContext, run: FeedRun, delayMs: number): Promise<void> {
  await ctx.db
    .update(feedRuns)
    .set({ status: "queued" })
    .where(and(eq(feedRuns.id, run.id), eq(feedRuns.status, "running")));
  await sendRunJob(ctx, run, { delayMs, continued: true });
}

async function executeClaimedRun(
  ctx: AppContext,
  run: FeedRun,
  log: Logger,
  slice: { continued: boolean; sliceOver: () => boolean },
): Promise<void> {
  const recorder = await startRun(ctx.db, run);
  const connection = await getConnectionById(ctx.db, run.connectionId);
  const feed = connection ? await feedOf(ctx.db, connection.id, run.feedKind) : undefined;
  const handler = feedHandlers[run.feedKind as FeedKind];
  if (connection?.disconnectedAt) {
    // The platform let the hub go (an uninstalled app): a call would only be refused. New
    // credentials (PATCH /connections/:id) connect it again, and its feeds run from then on.
    const message = `${connection.name} is disconnected (${connection.disconnectedReason ?? "the platform no longer accepts its credentials"}): no feed runs until it is connected again`;
    await recorder.message("error", "connection_disconnected", message);
    await finishRun(ctx.db, recorder, "blocked", new RunRefused("connection_disconnected", message));
    return;
  }
  if (connection && feedDirection[run.feedKind as FeedKind] === "outbound" && connection.mode === "test") {
    const message = `${connection.name} is in test mode: outbound feeds are blocked until it goes live`;
    await recorder.message("info", "test_mode", message);
    await finishRun(ctx.db, recorder, "blocked", new RunRefused("mode_blocked", message));
    return;
  }
  if (!connection || !feed || !handler) {
    const message = `feed ${run.feedKind} cannot run on this connection`;
    await finishRun(ctx.db, recorder, "failed", new RunRefused("feed_unsupported", message));
    return;
  }
  try {
    const session = openSession(ctx, connection);
    // Pairing refuses such a connector (validateCredentials); a connection paired before a
    // connector lost a method still says which one rather than failing without a word.
    const missing = missingFeedMethods([run.feedKind as FeedKind], session);
    if (missing.length > 0) {
      const message = `the connector cannot run this feed: ${describeMissingFeedMethods(missing)}`;
      await recorder.message("error", "connector_incomplete", message);
      await finishRun(ctx.db, recorder, "failed", new RunRefused("feed_unsupported", message));
      return;
    }
    const status = await handler({ ctx, log, connection, feed, session, recorder, full: run.full, ...slice });
    if (status === "queued") {
      log.debug("feed run paused at its cursor: its slice is over");
      return await pauseRun(ctx, run, 0);
    }
    await finishRun(ctx.db, recorder, status ?? "succeeded");
  } catch (error) {
    if (error instanceof PlatformDeferred) {
      log.debug(
        { retryAfterMs: error.retryAfterMs, reason: error.reason },
        "feed run paused: the platform deferred it",
      );
      return await pauseRun(ctx, run, error.retryAfterMs);
    }
    if (error instanceof RunRefused) {
      // The feed stopped itself on the hub's own rule (an allotment): nothing failed on the platform.
      await recorder.message("error", error.code, error.message).catch(() => undefined);
      return await finishRun(ctx.db, recorder, "blocked", error);
    }
    const failure = error instanceof Error ? error : new Error(String(error));
    log.warn({ err: error }, "feed run failed");
    await recorder.message("error", "run_failed", failure.message).catch(() => undefined);
    await finishRun(ctx.db, recorder, "failed", failure);
  }
}
