import { refuseOrdersOverAllotment } from "../allotment.ts";
import { processChannelOrderPage } from "../channel-order-page.ts";
import { BACKFILL_DAYS, ORDER_WATERMARK_OVERLAP_MS } from "../defaults.ts";
import type { FeedContext, FeedHandler } from "../feed-context.ts";
import { setWatermark } from "../feeds.ts";
import { announceHistory, historyCutoff } from "../history.ts";

/**
 * New orders read by creation time, order updates by update time, each from the feed's watermark
 * minus a two-minute overlap (late records are not missed; re-reading one changes nothing). With no
 * watermark, or a full run, the window is the last 90 days (R-ORD-1), and what it brings from
 * before the hub was watching is history: imported quietly, then one summary (history.ts). The page
 * cursor is saved after every page, so a run killed half way (a backfill of months) resumes where
 * it stopped — and a queued run works in slices, each going on from where the last one paused.
 */
function orderFeed(by: "created" | "updated"): FeedHandler {
  return async (fc: FeedContext) => {
    const { session, feed, recorder, connection, ctx } = fc;
    if (!session.listOrders) return "failed";
    const startedAt = recorder.run.startedAt ?? new Date();
    const historyBefore = historyCutoff(recorder.run, { full: fc.full, watermark: feed.watermark });
    const since =
      !fc.full && feed.watermark
        ? new Date(feed.watermark.getTime() - ORDER_WATERMARK_OVERLAP_MS)
        : new Date(startedAt.getTime() - BACKFILL_DAYS * 24 * 3600 * 1000);
    let cursor: string | null = recorder.run.progress?.cursor ?? null;
    let done = recorder.run.progress?.done ?? 0;
    if (cursor && !fc.continued) await recorder.message("info", "resumed", `resumed after ${done} orders`);
    const noticed = new Set<string>();
    do {
      await refuseOrdersOverAllotment(ctx, connection.accountId);
      const page = await session.listOrders({
        ...(by === "created" ? { createdSince: since } : { updatedSince: since }),
        cursor,
      });
      for (const notice of page.notices ?? []) {
        if (noticed.has(notice)) continue;
        noticed.add(notice);
        await recorder.message("info", "data_withheld", notice);
      }
      await processChannelOrderPage(ctx, connection, page.items, {
        feedKind: feed.kind,
        recorder,
        ...(historyBefore ? { historyBefore } : {}),
      });
      done += page.items.length;
      cursor = page.nextCursor;
      await recorder.progress(done, page.estimatedTotal ?? null, cursor);
      if (cursor && fc.sliceOver?.()) return "queued";
    } while (cursor);
    if (historyBefore) await announceHistory(ctx, recorder, { from: since, to: historyBefore });
    await setWatermark(ctx.db, feed.id, startedAt);
    return recorder.counts.failed > 0 ? "partial" : undefined;
  };
}

export const newOrdersFeed = orderFeed("created");
export const updateOrdersFeed = orderFeed("updated");
