import { eq } from "drizzle-orm";
import { BooksError } from "../../connectors/contract.ts";
import type { AppContext } from "../../context.ts";
import { inTransaction } from "../../db/tx.ts";
import { AppError, notFound } from "../../lib/errors.ts";
import { getConnection } from "../connections/index.ts";
import { booksClientOf } from "./books-session.ts";
import { ensurePosting, settlePosting } from "./ledger.ts";
import { type PostOutcome, postOne } from "./poster.ts";
import { booksSummaries } from "./schema.ts";
import { getOrderSettings } from "./settings.ts";
import { getSummary, summarisePeriod, summarySubject } from "./summaries.ts";
import { pollingProtocolOf } from "./web-connector/protocol.ts";

/**
 * R-ORD-4: deletes the summary in QuickBooks and in the hub, then builds and posts it again from
 * the period's current orders. Safe to repeat after a crash: a receipt already gone in QuickBooks
 * counts as deleted, and the new document gets a new idempotency key (the next generation).
 */
export async function resummarize(ctx: AppContext, accountId: string, summaryId: string) {
  const summary = await getSummary(ctx.db, accountId, summaryId);
  if (!summary) throw notFound("summary");
  const settings = await getOrderSettings(ctx.db, accountId, summary.channelConnectionId);
  if (!settings.booksConnectionId) {
    throw new AppError(
      "unexpected_state",
      "no_books_connection",
      "this connection's order settings name no books connection",
    );
  }
  const books = await getConnection(ctx.db, accountId, settings.booksConnectionId);
  if (books.mode === "test") {
    throw new AppError("unexpected_state", "connection_in_test_mode", "the books connection is in test mode");
  }
  const posting = await ensurePosting(ctx.db, {
    accountId,
    booksConnectionId: books.id,
    channelConnectionId: summary.channelConnectionId,
    subjectType: "summary",
    subjectId: summarySubject(summary.channelConnectionId, summary.periodKey, summary.currency),
  });
  if (posting.status === "posting") {
    throw new AppError("conflict", "posting_in_progress", "this summary is being posted; try again shortly");
  }
  // A platform that polls the hub deletes the earlier document in the same message set as the new one.
  if (posting.docId && posting.syncToken && books.mode === "live" && !pollingProtocolOf(ctx, books)) {
    await deleteReceipt(booksClientOf(ctx, books), posting.docId, posting.syncToken, posting.docNumber);
  }
  const generation = Math.max(summary.generation, posting.generation) + 1;
  await inTransaction(ctx.db, async (tx) => {
    await tx.delete(booksSummaries).where(eq(booksSummaries.id, summary.id));
    await settlePosting(tx, posting.id, {
      status: "pending",
      generation,
      docId: null,
      docNumber: null,
      syncToken: null,
      totalMinor: null,
      postedAt: null,
      error: null,
    });
  });
  const postings = await summarisePeriod(
    ctx.db,
    {
      accountId,
      channelConnectionId: summary.channelConnectionId,
      booksConnectionId: books.id,
      periodKey: summary.periodKey,
    },
    generation,
  );
  const outcomes: PostOutcome[] = [];
  for (const p of postings) outcomes.push(await postOne(ctx, p.id));
  return { periodKey: summary.periodKey, generation, outcomes };
}

async function deleteReceipt(
  client: ReturnType<typeof booksClientOf>,
  id: string,
  syncToken: string,
  docNumber: string | null,
): Promise<void> {
  try {
    await client.deleteSalesReceipt(id, syncToken);
  } catch (error) {
    if (!(error instanceof BooksError)) throw error;
    if (error.kind === "not_found") return;
    // Someone edited the receipt in QuickBooks since: delete the current version.
    if (error.kind === "stale" && docNumber) {
      const current = await client.findSalesReceiptByDocNumber(docNumber);
      if (!current) return;
      await client.deleteSalesReceipt(current.id, current.syncToken);
      return;
    }
    throw error;
  }
}
