import { processChannelOrder } from "../channel-order.ts";
import { WATERMARK_OVERLAP_MS } from "../defaults.ts";
import type { FeedContext, FeedHandler } from "../feed-context.ts";
import { setWatermark } from "../feeds.ts";

/**
 * New orders read by creation time, order updates by update time, each from the feed's watermark
 * minus an overlap (late records are not missed; re-reading one changes nothing).
 */
function orderFeed(by: "created" | "updated"): FeedHandler {
  return async (fc: FeedContext) => {
    const { session, feed, recorder, connection, ctx } = fc;
    if (!session.listOrders) return "failed";
    const startedAt = new Date();
    const since =
      !fc.full && feed.watermark ? new Date(feed.watermark.getTime() - WATERMARK_OVERLAP_MS) : undefined;
    let cursor: string | null = null;
    let done = 0;
    do {
      const page = await session.listOrders({
        ...(since ? (by === "created" ? { createdSince: since } : { updatedSince: since }) : {}),
        cursor,
      });
      for (const order of page.items) {
        try {
          await processChannelOrder(ctx, connection, order, { feedKind: feed.kind, recorder });
        } catch (error) {
          recorder.count("failed");
          await recorder.message(
            "error",
            "order_failed",
            `order ${order.orderNumber}: ${(error as Error).message}`,
            order.platformOrderId,
          );
        }
      }
      done += page.items.length;
      await recorder.progress(done, page.estimatedTotal ?? null);
      cursor = page.nextCursor;
    } while (cursor);
    await setWatermark(ctx.db, feed.id, startedAt);
    return recorder.counts.failed > 0 ? "partial" : undefined;
  };
}

export const newOrdersFeed = orderFeed("created");
export const updateOrdersFeed = orderFeed("updated");
