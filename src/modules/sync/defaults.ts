import type { FeedKind } from "../../connectors/contract.ts";

/**
 * Default schedules (UTC cron). Null means event-driven: stock export and shipping confirmation run
 * as soon as there is something to send, not on a clock.
 */
export const defaultSchedules: Record<FeedKind, string | null> = {
  "new-orders": "*/5 * * * *",
  "update-orders": "*/30 * * * *",
  "new-products": "0 * * * *",
  "update-products": "30 3 * * *",
  "product-images": "45 3 * * *",
  "initial-stock": null,
  suppliers: "15 4 * * *",
  "supplier-links": "30 4 * * *",
  "stock-export": null,
  "stock-check": "0 2 * * *",
  "shipping-confirmation": null,
  // Scheduled only on the connection chosen as the account's inventory source (inventory-source.ts).
  "inventory-source": null,
};

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
