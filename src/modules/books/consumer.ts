import { eq } from "drizzle-orm";
import type { AppContext } from "../../context.ts";
import type { Db } from "../../db/engine.ts";
import { getConnection } from "../connections/index.ts";
import { consumeEvents, type DomainEvent } from "../events/events.ts";
import { ensurePosting } from "./ledger.ts";
import { booksOrderSettings } from "./schema.ts";

export const BOOKS_CONSUMER = "books.postings";
/** The events that queue postings; the cursor only moves over these. */
export const BOOKS_EVENT_TYPES = ["order.imported", "refund.recorded"];

/** The books connection an event's channel posts to, or null (no settings, or books in test mode). */
async function targetOf(tx: Db, event: DomainEvent) {
  const channelId = event.payload.connectionId;
  if (typeof channelId !== "string") return null;
  const [settings] = await tx
    .select()
    .from(booksOrderSettings)
    .where(eq(booksOrderSettings.connectionId, channelId));
  if (!settings?.booksConnectionId) return null;
  const books = await getConnection(tx, event.accountId, settings.booksConnectionId).catch(() => null);
  if (!books || books.mode === "test") return null;
  return { settings, books, channelId };
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
        const target = await targetOf(tx, event);
        if (!target) continue;
        const base = {
          accountId: event.accountId,
          booksConnectionId: target.books.id,
          channelConnectionId: target.channelId,
        };
        if (event.type === "order.imported" && target.settings.postingMode === "individual") {
          await ensurePosting(tx, {
            ...base,
            subjectType: "order",
            subjectId: String(event.payload.orderId),
          });
        } else if (event.type === "refund.recorded") {
          await ensurePosting(tx, {
            ...base,
            subjectType: "refund",
            subjectId: String(event.payload.refundId),
          });
        }
      }
    },
    { types: BOOKS_EVENT_TYPES },
  );
}
