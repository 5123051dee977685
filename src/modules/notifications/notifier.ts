import type { AppContext } from "../../context.ts";
import { consumeUntilCaughtUp } from "../events/events.ts";
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
  let stopped = false;
  let wake: (() => void) | undefined;
  const loop = async () => {
    while (!stopped) {
      try {
        if ((await notifyOnce(ctx)) > 0) continue;
      } catch (error) {
        ctx.logger.warn({ err: error }, "notifier failed; retrying");
      }
      await new Promise<void>((r) => {
        wake = r;
        setTimeout(r, intervalMs);
      });
    }
  };
  const running = loop();
  return async () => {
    stopped = true;
    wake?.();
    await running;
  };
}
