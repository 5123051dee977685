import { describe, expect, it } from "vitest";
import { HISTORY_GRACE_MS, historyCutoff, isHistory } from "./history.ts";

const queuedAt = new Date("2025-06-10T12:00:00Z");
const minutes = (n: number) => n * 60_000;
const ago = (ms: number) => new Date(queuedAt.getTime() - ms);

describe("what a read marks as history", () => {
  it("marks nothing when the read goes on from a watermark (webhooks and scheduled runs)", () => {
    const cutoff = historyCutoff({ queuedAt }, { full: false, watermark: ago(minutes(5)) });
    expect(cutoff).toBeUndefined();
    expect(isHistory(new Date("2020-01-01T00:00:00Z"), cutoff)).toBe(false);
  });

  it("draws the edge a grace period before a backfill was queued, when the feed never read before", () => {
    for (const full of [true, false]) {
      const cutoff = historyCutoff({ queuedAt }, { full, watermark: null });
      expect(cutoff).toEqual(ago(HISTORY_GRACE_MS));
    }
    expect(HISTORY_GRACE_MS).toBe(minutes(5));
  });

  it("keeps an order placed seconds before the backfill was asked for as news, an older one as history", () => {
    const cutoff = historyCutoff({ queuedAt }, { full: true, watermark: null });
    expect(isHistory(ago(10_000), cutoff)).toBe(false);
    expect(isHistory(ago(HISTORY_GRACE_MS), cutoff)).toBe(false);
    expect(isHistory(ago(HISTORY_GRACE_MS + 1), cutoff)).toBe(true);
    expect(isHistory(ago(60 * 86_400_000), cutoff)).toBe(true);
    expect(isHistory(new Date(queuedAt.getTime() + minutes(3)), cutoff)).toBe(false);
  });

  it("on a full re-read, keeps as news whatever came after the feed's last completed read", () => {
    // The feed stopped three hours ago (an outage); the full re-read recovers those orders as news.
    const watermark = ago(minutes(180));
    const cutoff = historyCutoff({ queuedAt }, { full: true, watermark });
    expect(cutoff).toEqual(new Date(watermark.getTime() - HISTORY_GRACE_MS));
    expect(isHistory(ago(minutes(60)), cutoff)).toBe(false);
    expect(isHistory(ago(minutes(190)), cutoff)).toBe(true);
    // A watermark later than the queue time (a run finished while this one waited) changes nothing.
    const later = historyCutoff({ queuedAt }, { full: true, watermark: new Date(queuedAt.getTime() + 1) });
    expect(later).toEqual(ago(HISTORY_GRACE_MS));
  });
});
