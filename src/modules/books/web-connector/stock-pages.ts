import { and, asc, count, eq } from "drizzle-orm";
import type { SourceStockItem } from "../../../connectors/contract.ts";
import type { AppContext } from "../../../context.ts";
import type { Db } from "../../../db/engine.ts";
import { qbwcContacts, qbwcStockPages, type StoredStockItem } from "../schema.ts";
import { applyDesktopCounts, readBackSource } from "./stock-counts.ts";

export const STOCK_PAGES_JOB = "books.qbwc-stock-pages";
/** Attempts after the first failure before a page is given up (and the next read starts over). */
const RETRY_LIMIT = 3;

type PageOrigin = { accountId: string; connectionId: string; ticket: string };

/**
 * Keeps a page of QuickBooks' counts received in receiveResponseXML and asks a worker to apply it:
 * setting on-hand for a hundred items is a transaction per page and the `stock.changed` events of
 * each, too long for a call that must answer at once. A page received again (the same ticket and
 * requestID) is stored once.
 */
export async function storeStockPage(
  ctx: AppContext,
  origin: PageOrigin,
  requestId: string,
  items: readonly SourceStockItem[],
): Promise<void> {
  const stored: StoredStockItem[] = items.map((i) => ({
    inventoryItemId: i.inventoryItemId,
    locationId: i.locationId,
    sku: i.sku,
    name: i.name,
    quantity: i.quantity,
    active: i.active,
    updatedAt: i.updatedAt.toISOString(),
  }));
  await ctx.db
    .insert(qbwcStockPages)
    .values({
      accountId: origin.accountId,
      connectionId: origin.connectionId,
      ticket: origin.ticket,
      requestId,
      items: stored,
    })
    .onConflictDoNothing();
  await kickStockPages(ctx, origin.connectionId);
}

/** One job per connection queued at a time (stately): it applies every page waiting, in order. */
export async function kickStockPages(ctx: AppContext, connectionId: string): Promise<void> {
  await ctx.queue.send(STOCK_PAGES_JOB, { connectionId }, { singletonKey: connectionId });
}

/** Pages received and not applied yet: the session waits for them (NoOp) and counts them as work left. */
export async function stockPagesWaiting(db: Db, connectionId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(qbwcStockPages)
    .where(and(eq(qbwcStockPages.connectionId, connectionId), eq(qbwcStockPages.status, "received")));
  return row?.n ?? 0;
}

const itemOf = (i: StoredStockItem): SourceStockItem => ({ ...i, updatedAt: new Date(i.updatedAt) });

/**
 * Applies a connection's waiting pages in the order received, so a later count of an item is never
 * overwritten by an earlier one. A page is applied once: its status says so, and its movements'
 * keys are the session's and the page's (stock-counts.ts), so applying it again moves nothing. A
 * page that keeps failing is marked failed and the watermark dropped, so the next session reads
 * everything again rather than missing the page's changes. Returns the pages applied.
 */
export async function applyStockPages(
  ctx: AppContext,
  connectionId: string,
  attempt = { retryCount: 0 },
): Promise<number> {
  let applied = 0;
  for (;;) {
    const [page] = await ctx.db
      .select()
      .from(qbwcStockPages)
      .where(and(eq(qbwcStockPages.connectionId, connectionId), eq(qbwcStockPages.status, "received")))
      .orderBy(asc(qbwcStockPages.seq))
      .limit(1);
    if (!page) return applied;
    try {
      const source = await readBackSource(ctx, page);
      // No longer the inventory source: the counts are not the hub's to follow any more.
      const moved = source ? await applyDesktopCounts(ctx, page, source, page.items.map(itemOf)) : 0;
      await settle(ctx.db, page.seq, { status: "applied", moved, appliedAt: new Date() });
      applied += 1;
    } catch (error) {
      if (attempt.retryCount < RETRY_LIMIT) throw error;
      ctx.logger.error(
        { err: error, connectionId, requestId: page.requestId },
        "QuickBooks Desktop stock page not applied",
      );
      await settle(ctx.db, page.seq, { status: "failed", error: (error as Error).message });
      await ctx.db
        .update(qbwcContacts)
        .set({ stockReadFrom: null })
        .where(eq(qbwcContacts.connectionId, connectionId));
    }
  }
}

async function settle(db: Db, seq: number, set: Partial<typeof qbwcStockPages.$inferInsert>) {
  // Only a page still waiting: a second job that applied it meanwhile keeps its outcome.
  await db
    .update(qbwcStockPages)
    .set(set)
    .where(and(eq(qbwcStockPages.seq, seq), eq(qbwcStockPages.status, "received")));
}

export function registerStockPageJobs(ctx: AppContext): void {
  ctx.queue.define<{ connectionId: string }>({
    name: STOCK_PAGES_JOB,
    policy: "stately",
    retryLimit: RETRY_LIMIT,
    retryDelaySeconds: 1,
    // The Web Connector waits (NoOp) while pages are waiting: look often.
    pollingIntervalSeconds: 0.5,
    handler: async ({ connectionId }, job) => {
      await applyStockPages(ctx, connectionId, job);
    },
  });
}
