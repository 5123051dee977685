import { and, eq } from "drizzle-orm";
import { type FeedKind, feedDirection } from "../../connectors/contract.ts";
import type { AppContext } from "../../context.ts";
import { getConnectionById } from "./connection-lookup.ts";
import { openSession } from "./connections.ts";
import { feedHandlers } from "./feed-handlers.ts";
import { feedOf } from "./feed-state.ts";
import { claimRun, keepRunAlive } from "./run-lease.ts";
import { createRun, type FeedRun, finishRun, startRun } from "./runs.ts";
import { feedRuns, type RunTrigger } from "./schema.ts";

export const FEED_RUN_JOB = "sync.feed-run";
export type FeedRunJob = { runId: string; connectionId: string; kind: string };

/**
 * Queues a run of one feed. A feed already queued is not queued twice: the existing queued run is
 * returned instead (the queue's singleton key makes the same promise across processes).
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
  const jobId = await ctx.queue.send<FeedRunJob>(
    FEED_RUN_JOB,
    { runId: run.id, connectionId: input.connectionId, kind: input.kind },
    { singletonKey: `${input.connectionId}:${input.kind}` },
  );
  if (!jobId) {
    // Another process queued this feed between our check and our send.
    await ctx.db
      .update(feedRuns)
      .set({ status: "blocked", error: "another run of this feed is already queued", finishedAt: new Date() })
      .where(eq(feedRuns.id, run.id));
    return { run: { ...run, status: "blocked" as const }, queued: false };
  }
  return { run, queued: true };
}

/** Executes a queued run: checks the mode allows it, opens a session, runs the feed, records the outcome. */
export async function executeFeedRun(ctx: AppContext, job: FeedRunJob): Promise<void> {
  // A running run is only taken over when its worker stopped beating: it resumes from its cursor.
  const run = await claimRun(ctx.db, job.runId);
  if (!run) return;
  const stopHeartbeat = keepRunAlive(ctx.db, run.id, (err) =>
    ctx.logger.warn({ err, runId: run.id }, "run heartbeat failed"),
  );
  try {
    await executeClaimedRun(ctx, run);
  } finally {
    stopHeartbeat();
  }
}

async function executeClaimedRun(ctx: AppContext, run: FeedRun): Promise<void> {
  const recorder = await startRun(ctx.db, run);
  const connection = await getConnectionById(ctx.db, run.connectionId);
  const feed = connection ? await feedOf(ctx.db, connection.id, run.feedKind) : undefined;
  const handler = feedHandlers[run.feedKind as FeedKind];
  if (connection && feedDirection[run.feedKind as FeedKind] === "outbound" && connection.mode === "test") {
    await recorder.message(
      "info",
      "test_mode",
      `${connection.name} is in test mode: outbound feeds are blocked until it goes live`,
    );
    await finishRun(ctx.db, recorder, "blocked");
    return;
  }
  if (!connection || !feed || !handler) {
    await finishRun(ctx.db, recorder, "failed", `feed ${run.feedKind} cannot run on this connection`);
    return;
  }
  try {
    const session = openSession(ctx, connection);
    const status = await handler({ ctx, connection, feed, session, recorder, full: run.full });
    await finishRun(ctx.db, recorder, status ?? "succeeded");
  } catch (error) {
    const message = (error as Error).message;
    ctx.logger.warn({ err: error, runId: run.id }, "feed run failed");
    await recorder.message("error", "run_failed", message).catch(() => undefined);
    await finishRun(ctx.db, recorder, "failed", message);
  }
}
