import { drainConnection } from "./drain.ts";
import type { FeedContext } from "./feed-context.ts";
import { kickDrain } from "./pump.ts";

/**
 * "Run now" on stock export or shipping confirmation: drain the connection's outbox at once (or
 * leave it to the drain already running here). The drain itself normally runs whenever there is
 * work, without a schedule.
 */
export async function outboundNow(fc: FeedContext) {
  const { more, retryAfterMs } = await drainConnection(fc.ctx, fc.connection.id, { whenBusy: "leave" });
  if (!more) return undefined;
  await kickDrain(fc.ctx, fc.connection.id, retryAfterMs);
  await fc.recorder.message(
    "info",
    "more_pending",
    "the pending queue still holds work; it keeps draining in the background",
  );
  return undefined;
}
