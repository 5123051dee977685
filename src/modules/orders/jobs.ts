import type { AppContext } from "../../context.ts";
import { announceAllotmentThresholds } from "./usage.ts";

export const ALLOTMENT_JOB = "orders.allotment-thresholds";

/** Every few minutes: accounts whose year's downloads crossed 80 or 100 % of their allotment are told once. */
export function registerOrderJobs(ctx: AppContext): void {
  ctx.queue.define<Record<string, never>>({
    name: ALLOTMENT_JOB,
    policy: "stately",
    cron: "*/5 * * * *",
    handler: async () => {
      const announced = await announceAllotmentThresholds(ctx.db);
      if (announced > 0) ctx.logger.info({ announced }, "order allotment thresholds announced");
    },
  });
}
