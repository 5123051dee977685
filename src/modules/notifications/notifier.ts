import type { AppContext } from "../../context.ts";
import { startPoller } from "../../queue/poller.ts";
import { consumeUntilCaughtUp } from "../events/index.ts";
import { consumeNotificationEvents, NOTIFY_CONSUMER } from "./consumer.ts";
import { deliverDue } from "./delivery.ts";

/** One round: record notifications for new events, then send what is due. */
export async function notifyOnce(ctx: AppContext): Promise<number> {
  const consumed = await consumeUntilCaughtUp(ctx.db, NOTIFY_CONSUMER, () => consumeNotificationEvents(ctx));
  const sent = await deliverDue(ctx);
  return consumed + sent;
}

/**
 * Polls in each worker process, like the sync pump: notifications must appear within seconds of
 * the change, and the event cursor lock plus skip-locked claims make concurrent notifiers safe.
 */
export function startNotifier(ctx: AppContext, intervalMs = 1000): () => Promise<void> {
  return startPoller("notifier", () => notifyOnce(ctx), { intervalMs, logger: ctx.logger }).stop;
}
