import type { AppContext } from "../../context.ts";
import { FEED_RUN_JOB, type FeedRunJob } from "./feed-runner.ts";
import { markRunsAbandoned, orphanedJobIds, stalledRuns } from "./run-lease.ts";

/**
 * Sends runs whose worker died back to the queue; the worker that takes one resumes it from its
 * saved cursor and counts (a 90-day backfill continues, it does not start over). Returns how many
 * were resumed.
 */
export async function resumeStalledRuns(ctx: AppContext, now = new Date()): Promise<number> {
  const runs = await stalledRuns(ctx.db, now);
  if (runs.length === 0) return 0;
  const orphans = await orphanedJobIds(
    ctx,
    FEED_RUN_JOB,
    runs.map((r) => r.id),
  );
  if (orphans.length > 0) {
    await ctx.queue.boss.fail(FEED_RUN_JOB, orphans);
  }
  let resumed = 0;
  const superseded: string[] = [];
  for (const run of runs) {
    const jobId = await ctx.queue.send<FeedRunJob>(
      FEED_RUN_JOB,
      { runId: run.id, connectionId: run.connectionId, kind: run.feedKind },
      { singletonKey: `${run.connectionId}:${run.feedKind}` },
    );
    if (jobId) resumed++;
    else superseded.push(run.id);
  }
  // Another run of the same feed is already queued and will read the same records again.
  await markRunsAbandoned(ctx.db, superseded, "the worker stopped; a newer run of this feed took over");
  if (resumed > 0) ctx.logger.info({ resumed }, "resumed runs whose worker stopped");
  return resumed;
}
