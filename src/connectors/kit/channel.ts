import type { Capabilities, ConnectorSession, FeedKind } from "../contract.ts";
import type { ClientStats } from "../http/index.ts";
import { PlatformError } from "../http/index.ts";

/** The feeds a sales channel offers when it has the whole contract (WooCommerce, BigCommerce …). */
export const CHANNEL_FEEDS: FeedKind[] = [
  "new-products",
  "update-products",
  "new-orders",
  "update-orders",
  "initial-stock",
  "stock-export",
  "stock-check",
  "shipping-confirmation",
];

/** A full sales channel without compare-and-set or bulk export (WooCommerce, BigCommerce …). */
export const channelCapabilities = (maxStockBatch: number): Capabilities => ({
  feeds: CHANNEL_FEEDS,
  webhooks: true,
  compareAndSet: false,
  bulkExport: false,
  maxStockBatch,
});

/** A page-number cursor: page 1 when there is none (or it is not a number). */
export const pageOf = (cursor: string | null | undefined) => Math.max(1, Number(cursor ?? 1) || 1);

/** The next page's cursor while the platform's total pages say there is one. */
export const nextPageCursor = (page: number, totalPages: number | null | undefined) =>
  totalPages != null && page < totalPages ? String(page + 1) : null;

/** A sales channel's session: every method of the contract but the inventory source's, and its counters. */
export type ChannelSession = Required<Omit<ConnectorSession, "changedStockSince">> & { stats(): ClientStats };

/**
 * Credentials are proven by a real call: a 401/403 answer becomes an error naming what to check
 * (the pairing API shows it as `422 credentials_rejected`); anything else is left as it is.
 */
export async function provenByCall<T>(
  call: () => Promise<T>,
  refused: (status: number) => string,
): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof PlatformError && (error.status === 401 || error.status === 403)) {
      throw new Error(refused(error.status));
    }
    throw error;
  }
}

/** Null when the platform answered 404 (a deleted order, an unknown item): the rest is an error. */
export async function orNullWhenMissing<T>(call: () => Promise<T>): Promise<T | null> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof PlatformError && error.status === 404) return null;
    throw error;
  }
}

/** Every page of a numbered collection, from page 1 until the platform's total pages (or an empty page). */
export async function everyPage<T>(
  read: (page: number) => Promise<{ items: T[]; totalPages: number | null }>,
): Promise<T[]> {
  const items: T[] = [];
  for (let page = 1; ; page++) {
    const answer = await read(page);
    items.push(...answer.items);
    if (answer.totalPages === null || page >= answer.totalPages || answer.items.length === 0) return items;
  }
}

/**
 * The hub's webhook subscriptions made to match what it wants: each wanted topic updated in place
 * (re-activated, secret refreshed) when a subscription for it exists, created otherwise — platforms
 * deactivate subscriptions whose deliveries kept failing, and pairing again must not duplicate them.
 */
export async function reconcileWebhooks<Hook extends { topic: string }>(options: {
  existing: Hook[];
  topics: readonly string[];
  update(hook: Hook): Promise<unknown>;
  create(topic: string): Promise<unknown>;
}): Promise<{ topics: string[] }> {
  for (const topic of options.topics) {
    const found = options.existing.find((h) => h.topic === topic);
    await (found ? options.update(found) : options.create(topic));
  }
  return { topics: [...options.topics] };
}
