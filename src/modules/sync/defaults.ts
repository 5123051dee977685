import { type FeedKind, feedRegistry } from "../../connectors/contract.ts";

/** Default schedules (UTC cron), as the feed registry declares them; null means event-driven. */
export const defaultSchedules = Object.fromEntries(
  Object.entries(feedRegistry).map(([kind, declaration]) => [kind, declaration.schedule]),
) as Record<FeedKind, string | null>;

/** Incremental feeds re-read this far back from their watermark, so records that arrive late are not missed. */
export const WATERMARK_OVERLAP_MS = 10 * 60 * 1000;

/**
 * Order feeds overlap less: a busy store's re-read is paid in API budget (the hub's Shopify order
 * query costs ~26 points an order against the Standard plan's 100 a second), and ten minutes at
 * an order a second is 600 orders read again every run. Two minutes covers a platform's search-index lag; an order dated
 * in the past (a POS sale synced late) comes in through update-orders, by its update time.
 */
export const ORDER_WATERMARK_OVERLAP_MS = 2 * 60 * 1000;

/** Unpaid orders are re-checked hourly for three days, then need a person. */
export const UNPAID_RECHECK_MS = 60 * 60 * 1000;
export const UNPAID_MAX_ATTEMPTS = 72;

/** How far back a first order import (or a full one) reads (R-ORD-1). */
export const BACKFILL_DAYS = 90;
