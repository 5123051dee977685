import { withWaitLimit } from "../../connectors/contract.ts";
import type { AppContext } from "../../context.ts";
import { dueRetries, getConnectionById } from "../connections/index.ts";
import { DRAIN_JOB, drainConnection } from "./drain.ts";
import { executeFeedRun, FEED_RUN_JOB, type FeedRunJob, queueFeedRun } from "./feed-runner.ts";
import { claimDueFeeds } from "./feeds.ts";
import { connectionsWithWebhooksWaiting, drainInbox } from "./inbox.ts";
import { FEED_SLICE_MS, HIGH_LANE_SLOTS, kickConnection, LOW_LANE_SLOTS, SLOT_WAIT_MS } from "./lanes.ts";
import { advanceOnboarding, openOnboardings } from "./onboarding.ts";
import { connectionsWithDueWork } from "./outbox.ts";
import { kickDrain } from "./pump.ts";
import { retrySubject } from "./retries.ts";
import { resumeStalledRuns } from "./run-recovery.ts";
import { registerStallWatch } from "./stall-episodes.ts";
import { INBOX_JOB } from "./webhooks.ts";

export const TICK_JOB = "sync.tick";

/**
 * The sync engine's jobs, in two lanes with slots of their own (lanes.ts): webhooks and outbox
 * drains in the high lane, feed runs in the low one. Every job's platform calls wait at most
 * `SLOT_WAIT_MS` in the process; deferred work is queued for when the platform allows. Feed
 * schedules live in the feeds table and are claimed by one pg-boss cron job a minute (pg-boss 10
 * keys schedules by queue name only; see docs/decisions/0003).
 */
export function registerSyncJobs(ctx: AppContext): void {
  ctx.queue.define<FeedRunJob>({
    name: FEED_RUN_JOB,
    // "short" with the run as key: one job waits per run, and a waiting job never collides with
    // a running one. (A queue created "stately" before stays so; pg-boss fixes a queue's policy.)
    policy: "short",
    concurrency: LOW_LANE_SLOTS,
    pollingIntervalSeconds: 0.5,
    retryLimit: 0,
    expireInSeconds: 3 * 3600,
    handler: async (data) => {
      await withWaitLimit(SLOT_WAIT_MS, () => executeFeedRun(ctx, data, { sliceMs: FEED_SLICE_MS }));
      await advanceOnboarding(ctx, data.connectionId);
    },
  });
  ctx.queue.define<{ connectionId: string }>({
    name: DRAIN_JOB,
    // "short": one queued drain per connection; the drain lease (not the queue) keeps drains from
    // overlapping, so a drain job left "active" by a killed worker never blocks the next one.
    policy: "short",
    concurrency: HIGH_LANE_SLOTS,
    pollingIntervalSeconds: 0.5,
    retryLimit: 5,
    retryDelaySeconds: 2,
    handler: async ({ connectionId }) => {
      const { more, retryAfterMs } = await withWaitLimit(SLOT_WAIT_MS, () =>
        drainConnection(ctx, connectionId, { whenBusy: "leave" }),
      );
      if (more) await kickDrain(ctx, connectionId, retryAfterMs);
    },
  });
  ctx.queue.define<{ connectionId: string }>({
    name: INBOX_JOB,
    policy: "short",
    concurrency: HIGH_LANE_SLOTS,
    pollingIntervalSeconds: 0.5,
    retryLimit: 5,
    retryDelaySeconds: 2,
    handler: async ({ connectionId }) => {
      const { more, retryAfterMs } = await withWaitLimit(SLOT_WAIT_MS, () => drainInbox(ctx, connectionId));
      if (more) await kickConnection(ctx, INBOX_JOB, connectionId, retryAfterMs);
    },
  });
  ctx.queue.define<Record<string, never>>({
    name: TICK_JOB,
    policy: "stately",
    cron: "* * * * *",
    retryLimit: 0,
    handler: () => withWaitLimit(SLOT_WAIT_MS, () => tick(ctx)),
  });
  registerStallWatch(ctx);
}

/**
 * Once a minute: resume runs whose worker died (before due feeds, so a resumed backfill keeps its
 * place in the queue), move onboardings along, queue due feeds, give due retry items another go,
 * re-kick outboxes and inboxes with work (their kicks are the fast path; this is the safety net).
 */
export async function tick(ctx: AppContext, now = new Date()): Promise<void> {
  await resumeStalledRuns(ctx, now);
  for (const connectionId of await openOnboardings(ctx.db)) await advanceOnboarding(ctx, connectionId);
  for (const feed of await claimDueFeeds(ctx.db, now)) {
    // A disconnected connection's slot passes without a run: it would only be refused, once per
    // slot. Runs asked for (Run now, webhooks) are still recorded, refused with their reason.
    if ((await getConnectionById(ctx.db, feed.connectionId))?.disconnectedAt) continue;
    await queueFeedRun(ctx, {
      accountId: feed.accountId,
      connectionId: feed.connectionId,
      kind: feed.kind,
      trigger: "schedule",
    });
  }
  // Connected connections only (a disconnected one's items stay due until new credentials),
  // a fair share each.
  for (const issue of await dueRetries(ctx.db, now)) await retrySubject(ctx, issue, "retry");
  for (const connectionId of await connectionsWithDueWork(ctx.db, now)) await kickDrain(ctx, connectionId);
  for (const connectionId of await connectionsWithWebhooksWaiting(ctx.db))
    await kickConnection(ctx, INBOX_JOB, connectionId);
}
