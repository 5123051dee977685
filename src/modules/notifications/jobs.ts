import type { AppContext } from "../../context.ts";
import { checkStockPlans, reportOrderCounts } from "./scheduled.ts";

export const STOCK_PLAN_JOB = "notifications.stock-plan";
export const ORDER_COUNT_JOB = "notifications.orders-count";

export function registerNotificationJobs(ctx: AppContext): void {
  ctx.queue.define({
    name: STOCK_PLAN_JOB,
    policy: "singleton",
    cron: "15 2 * * *",
    expireInSeconds: 60 * 60,
    handler: async () => {
      await checkStockPlans(ctx.db);
    },
  });
  // 23:55 UTC, so "today" in the message is the day being counted.
  ctx.queue.define({
    name: ORDER_COUNT_JOB,
    policy: "singleton",
    cron: "55 23 * * *",
    handler: async () => {
      await reportOrderCounts(ctx.db);
    },
  });
}
