import type { AppContext } from "../../context.ts";
import { getConnectionById } from "./connection-lookup.ts";
import { DRAIN_JOB, drainConnection } from "./drain.ts";
import { executeFeedRun, FEED_RUN_JOB, type FeedRunJob, queueFeedRun } from "./feed-runner.ts";
import { claimDueFeeds } from "./feeds.ts";
import { dueRetries } from "./issues.ts";
import { advanceOnboarding, openOnboardings } from "./onboarding.ts";
import { connectionsWithDueWork } from "./outbox.ts";
import { kickDrain } from "./pump.ts";
import { retrySubject } from "./retries.ts";
import { resumeStalledRuns } from "./run-recovery.ts";
import { registerStallWatch } from "./stall-episodes.ts";
import { processWebhook, WEBHOOK_JOB } from "./webhooks.ts";

export const TICK_JOB = "sync.tick";

/**
 * The sync engine's jobs. Feed schedules live in the feeds table and are claimed by one pg-boss
 * cron job a minute (pg-boss 10 keys schedules by queue name only; see docs/decisions/0003).
 */
export function registerSyncJobs(ctx: AppContext): void {
  ctx.queue.define<FeedRunJob>({
    name: FEED_RUN_JOB,
    policy: "stately",
    concurrency: 2,
    pollingIntervalSeconds: 0.5,
    retryLimit: 0,
    expireInSeconds: 3 * 3600,
    handler: async (data) => {
      await executeFeedRun(ctx, data);
      await advanceOnboarding(ctx, data.connectionId);
    },
  });
  ctx.queue.define<{ connectionId: string }>({
    name: DRAIN_JOB,
    // "short": one queued drain per connection; the drain lease (not the queue) keeps drains from
    // overlapping, so a drain job left "active" by a killed worker never blocks the next one.
    policy: "short",
    concurrency: 2,
    pollingIntervalSeconds: 0.5,
    retryLimit: 5,
    retryDelaySeconds: 2,
    handler: async ({ connectionId }) => {
      const { more, retryAfterMs } = await drainConnection(ctx, connectionId);
      if (more) await kickDrain(ctx, connectionId, retryAfterMs);
    },
  });
  ctx.queue.define<{ inboxId: string }>({
    name: WEBHOOK_JOB,
    concurrency: 2,
    pollingIntervalSeconds: 0.5,
    retryLimit: 5,
    retryDelaySeconds: 5,
    handler: ({ inboxId }) => processWebhook(ctx, inboxId),
  });
  ctx.queue.define<Record<string, never>>({
    name: TICK_JOB,
    policy: "stately",
    cron: "* * * * *",
    retryLimit: 0,
    handler: () => tick(ctx),
  });
  registerStallWatch(ctx);
}

/**
 * Once a minute: resume runs whose worker died (before due feeds, so a resumed backfill keeps its
 * place in the queue), move onboardings along, queue due feeds, give due retry items another go,
 * re-kick outboxes with work.
 */
export async function tick(ctx: AppContext, now = new Date()): Promise<void> {
  await resumeStalledRuns(ctx, now);
  for (const connectionId of await openOnboardings(ctx.db)) await advanceOnboarding(ctx, connectionId);
  for (const feed of await claimDueFeeds(ctx.db, now)) {
    await queueFeedRun(ctx, {
      accountId: feed.accountId,
      connectionId: feed.connectionId,
      kind: feed.kind,
      trigger: "schedule",
    });
  }
  for (const issue of await dueRetries(ctx.db, now)) {
    const connection = await getConnectionById(ctx.db, issue.connectionId);
    if (connection) await retrySubject(ctx, issue, "retry");
  }
  for (const connectionId of await connectionsWithDueWork(ctx.db, now)) await kickDrain(ctx, connectionId);
}
