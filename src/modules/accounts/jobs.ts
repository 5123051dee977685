import type { AppContext } from "../../context.ts";
import { deleteExpiredAttemptCounters } from "./attempt-limits.ts";
import { deleteExpiredSessions } from "./credentials.ts";

export const SESSION_SWEEP_JOB = "accounts.sweep-sessions";

export function registerAccountJobs(ctx: AppContext): void {
  ctx.queue.define<Record<string, never>>({
    name: SESSION_SWEEP_JOB,
    policy: "stately",
    cron: "17 * * * *",
    handler: async () => {
      const removed = await deleteExpiredSessions(ctx.db);
      if (removed > 0) ctx.logger.info({ removed }, "expired sessions removed");
      const counters = await deleteExpiredAttemptCounters(ctx.db);
      if (counters > 0) ctx.logger.info({ removed: counters }, "ended sign-in limit windows removed");
    },
  });
}
