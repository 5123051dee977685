import type { AppContext } from "../../context.ts";
import { yesterday } from "./periods.ts";
import { postingSettings } from "./settings.ts";
import { syncBooks } from "./sync.ts";

export const DAILY_BOOKS_JOB = "books.daily";

/** R-ORD-4: at 05:45 UTC, yesterday's sales of every posting channel (summaries, and retries of failures). */
export function registerBooksJobs(ctx: AppContext): void {
  ctx.queue.define({
    name: DAILY_BOOKS_JOB,
    policy: "singleton",
    cron: "45 5 * * *",
    expireInSeconds: 60 * 60,
    handler: async () => {
      const day = yesterday(new Date());
      for (const s of await postingSettings(ctx.db)) {
        try {
          await syncBooks(ctx, s.accountId, s.connectionId, { from: day, to: day });
        } catch (error) {
          // One channel's failure (books disconnected) must not stop the others.
          ctx.logger.warn({ err: error, connection: s.connectionId }, "daily books sync failed");
        }
      }
    },
  });
}
