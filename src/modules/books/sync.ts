import type { AppContext } from "../../context.ts";
import { AppError } from "../../lib/errors.ts";
import { getConnection } from "../connections/index.ts";
import { ensurePosting, type PostingKey } from "./ledger.ts";
import { checkRange, type DayRange, periodBounds, periodEnded, periodKeys } from "./periods.ts";
import { type PostOutcome, postOne } from "./poster.ts";
import { orderIdsInRange, refundIdsInRange } from "./read-model.ts";
import { getOrderSettings } from "./settings.ts";
import { summarisePeriod, summaryOfOrder } from "./summaries.ts";

export type SyncResult = {
  connectionId: string;
  from: string;
  to: string;
  mode: string;
  /** Periods summarised (summary mode); periods not yet over are left for later. */
  periods: string[];
  outcomes: Record<PostOutcome, number>;
};

/**
 * Posts a channel connection's sales and refunds of a range to its books connection (R-ORD-4/5).
 * Safe to repeat: every document goes through the ledger, so a re-sync posts only what is missing
 * or failed before (an unknown SKU that now exists, a shadow preview now live).
 */
export async function syncBooks(
  ctx: AppContext,
  accountId: string,
  channelConnectionId: string,
  range: DayRange,
  now = new Date(),
): Promise<SyncResult> {
  checkRange(range);
  const settings = await getOrderSettings(ctx.db, accountId, channelConnectionId);
  if (!settings.booksConnectionId) {
    throw new AppError(
      "unexpected_state",
      "no_books_connection",
      "this connection's order settings name no books connection",
    );
  }
  const books = await getConnection(ctx.db, accountId, settings.booksConnectionId);
  const outcomes: Record<PostOutcome, number> = {
    posted: 0,
    queued: 0,
    preview: 0,
    failed: 0,
    blocked: 0,
    skipped: 0,
  };
  const result = {
    connectionId: channelConnectionId,
    ...range,
    mode: books.mode,
    periods: [] as string[],
    outcomes,
  };
  // Test mode sends nothing and records nothing: switching to live later starts from a clean ledger.
  if (books.mode === "test") return result;

  const key = (subjectType: PostingKey["subjectType"], subjectId: string): PostingKey => ({
    accountId,
    booksConnectionId: books.id,
    channelConnectionId,
    subjectType,
    subjectId,
  });
  const postingIds: string[] = [];
  const start = periodBounds(range.from).start;
  const end = periodBounds(range.to).end;
  if (settings.postingMode === "summary") {
    for (const periodKey of periodKeys(range, settings.grouping).filter((k) => periodEnded(k, now))) {
      const target = { accountId, channelConnectionId, booksConnectionId: books.id, periodKey };
      const postings = await summarisePeriod(ctx.db, target);
      if (postings.length > 0) result.periods.push(periodKey);
      postingIds.push(...postings.map((p) => p.id));
    }
  } else {
    for (const orderId of await orderIdsInRange(ctx.db, accountId, channelConnectionId, start, end)) {
      if (await summaryOfOrder(ctx.db, orderId)) continue;
      postingIds.push((await ensurePosting(ctx.db, key("order", orderId))).id);
    }
  }
  for (const refundId of await refundIdsInRange(ctx.db, accountId, channelConnectionId, start, end)) {
    postingIds.push((await ensurePosting(ctx.db, key("refund", refundId))).id);
  }
  for (const id of postingIds) outcomes[await postOne(ctx, id)] += 1;
  return result;
}
