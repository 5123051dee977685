import { eq } from "drizzle-orm";
import type { AppContext } from "../../context.ts";
import type { Db } from "../../db/engine.ts";
import { getConnection } from "../connections/index.ts";
import { consumeEvents, type DomainEvent } from "../events/index.ts";
import { orderImported, refundRecorded } from "../orders/index.ts";
import { ensurePosting } from "./ledger.ts";
import { booksOrderSettings, booksSummaryOrders } from "./schema.ts";

export const BOOKS_CONSUMER = "books.postings";
/** The events that queue postings; the cursor only moves over these. */
export const BOOKS_EVENT_TYPES = [orderImported.type, refundRecorded.type];

/** The posting an event asks for, and the channel whose books take it. */
function postingOf(event: DomainEvent) {
  if (orderImported.is(event)) {
    return {
      subjectType: "order" as const,
      subjectId: event.payload.orderId,
      channelId: event.payload.connectionId,
    };
  }
  if (refundRecorded.is(event)) {
    return {
      subjectType: "refund" as const,
      subjectId: event.payload.refundId,
      channelId: event.payload.connectionId,
    };
  }
  return null;
}

/** The books connection a channel posts to, or null (no channel, no settings, or books in test mode). */
async function targetOf(tx: Db, accountId: string, channelId: string | null) {
  if (channelId === null) return null;
  const [settings] = await tx
    .select()
    .from(booksOrderSettings)
    .where(eq(booksOrderSettings.connectionId, channelId));
  if (!settings?.booksConnectionId) return null;
  const books = await getConnection(tx, accountId, settings.booksConnectionId).catch(() => null);
  if (!books || books.mode === "test") return null;
  return { settings, books, channelId };
}

async function inSummary(tx: Db, orderId: string): Promise<boolean> {
  const [row] = await tx
    .select({ orderId: booksSummaryOrders.orderId })
    .from(booksSummaryOrders)
    .where(eq(booksSummaryOrders.orderId, orderId))
    .limit(1);
  return row !== undefined;
}

/**
 * Queues ledger rows for what must post as it happens: each order of an individual-mode channel,
 * and every refund (R-ORD-7). Summaries wait for the daily job. Only rows are written here, inside
 * the cursor's transaction; the QuickBooks calls happen after it commits (`postPending`).
 */
export async function queueFromEvents(ctx: AppContext): Promise<number> {
  return consumeEvents(
    ctx.db,
    BOOKS_CONSUMER,
    async (tx, batch) => {
      for (const event of batch) {
        const posting = postingOf(event);
        if (!posting) continue;
        const target = await targetOf(tx, event.accountId, posting.channelId);
        if (!target) continue;
        // Orders of a summary-mode channel wait for the daily summary; refunds always post.
        if (posting.subjectType === "order" && target.settings.postingMode !== "individual") continue;
        // A channel switched to individual mode after a summary took this order in: the event is
        // read late, and posting it again would put the sale in the books twice.
        if (posting.subjectType === "order" && (await inSummary(tx, posting.subjectId))) continue;
        await ensurePosting(tx, {
          accountId: event.accountId,
          booksConnectionId: target.books.id,
          channelConnectionId: target.channelId,
          subjectType: posting.subjectType,
          subjectId: posting.subjectId,
        });
      }
    },
    { types: BOOKS_EVENT_TYPES },
  );
}
