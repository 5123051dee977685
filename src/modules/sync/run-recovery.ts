import type { AppContext } from "../../context.ts";
import { FEED_RUN_JOB, sendRunJob } from "./feed-runner.ts";
import { hasQueuedSibling, markRunsAbandoned, orphanedJobIds, pausedRuns, stalledRuns } from "./run-lease.ts";

/**
 * Sends runs whose worker died back to the queue; the worker that takes one resumes it from its
 * saved cursor and counts (a 90-day backfill continues, it does not start over). A run paused
 * between slices whose job was lost is sent again too. Returns how many were resumed.
 */
export async function resumeStalledRuns(ctx: AppContext, now = new Date()): Promise<number> {
  for (const run of await pausedRuns(ctx.db, now)) await sendRunJob(ctx, run, { continued: true });
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
    // Another run of the same feed is already queued and will read the same records again.
    if (await hasQueuedSibling(ctx.db, run)) superseded.push(run.id);
    else {
      await sendRunJob(ctx, run);
      resumed++;
    }
  }
  await markRunsAbandoned(ctx.db, superseded, "the worker stopped; a newer run of this feed took over");
  if (resumed > 0) ctx.logger.info({ resumed }, "resumed runs whose worker stopped");
  return resumed;
}
