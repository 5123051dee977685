import type { AppContext } from "../../context.ts";
import { allotmentReached, type OrderUsage } from "../orders/index.ts";
import { RunRefused } from "./run-error-code.ts";

/** What the merchant reads on the refused run (and in the sync log's advice). */
export function allotmentMessage(usage: OrderUsage): string {
  return `order allotment reached: ${usage.used.toLocaleString("en")} of ${usage.allotment!.toLocaleString("en")} orders downloaded in ${usage.year} (${usage.timezone}); order import is paused until the allotment is raised or the year turns — stock keeps syncing`;
}

/**
 * Order feeds call this before each page: with the year's allotment used up the run stops where it
 * is, its watermark unmoved, so the first run after the allotment is raised (or the year turns)
 * reads everything that came in meanwhile. A page already read is imported whole, so usage can end
 * up to one page over the allotment.
 */
export async function refuseOrdersOverAllotment(ctx: AppContext, accountId: string): Promise<void> {
  const usage = await allotmentReached(ctx.db, accountId);
  if (usage) throw new RunRefused("allotment_reached", allotmentMessage(usage));
}
