import { eq } from "drizzle-orm";
import type { AppContext } from "../../context.ts";
import type { Db } from "../../db/engine.ts";
import { AppError } from "../../lib/errors.ts";
import { type Connection, getConnection } from "../connections/index.ts";
import { booksClientOf } from "./books-session.ts";
import {
  booksOrderSettings,
  type PostingMode,
  type RefundDocument,
  type SaleDocument,
  type SummaryGrouping,
} from "./schema.ts";
import { pollingProtocolOf } from "./web-connector/protocol.ts";

export type OrderSettings = {
  connectionId: string;
  /** Default "summary" (R-ORD-3). */
  postingMode: PostingMode;
  /** Default "day": one summary per channel connection per day. */
  grouping: SummaryGrouping;
  /** The books connection that receives the postings; null = this channel does not post. */
  booksConnectionId: string | null;
  /** Default "<connection name> sales". */
  summaryCustomer: string | null;
  /** Individual mode: "SalesReceipt" (default) or "Invoice". Summaries are always sales receipts. */
  saleDocument: SaleDocument;
  /** "RefundReceipt" (default) or "CreditMemo". */
  refundDocument: RefundDocument;
};

export type OrderSettingsPatch = Partial<Omit<OrderSettings, "connectionId">>;

export async function getOrderSettings(
  db: Db,
  accountId: string,
  connectionId: string,
): Promise<OrderSettings> {
  await getConnection(db, accountId, connectionId);
  const [row] = await db
    .select()
    .from(booksOrderSettings)
    .where(eq(booksOrderSettings.connectionId, connectionId));
  return {
    connectionId,
    postingMode: row?.postingMode ?? "summary",
    grouping: row?.grouping ?? "day",
    booksConnectionId: row?.booksConnectionId ?? null,
    summaryCustomer: row?.summaryCustomer ?? null,
    saleDocument: row?.saleDocument ?? "SalesReceipt",
    refundDocument: row?.refundDocument ?? "RefundReceipt",
  };
}

/** Every channel connection that posts somewhere (for the daily job). */
export async function postingSettings(db: Db): Promise<(OrderSettings & { accountId: string })[]> {
  const rows = await db.select().from(booksOrderSettings);
  return rows.flatMap((r) => (r.booksConnectionId ? [{ ...r, booksConnectionId: r.booksConnectionId }] : []));
}

export async function putOrderSettings(
  ctx: AppContext,
  accountId: string,
  connectionId: string,
  patch: OrderSettingsPatch,
): Promise<OrderSettings> {
  const current = await getOrderSettings(ctx.db, accountId, connectionId);
  const next = { ...current, ...patch };
  if (next.booksConnectionId) {
    if (next.booksConnectionId === connectionId) {
      throw new AppError("invalid_data", "not_a_books_connection", "a connection cannot post to itself");
    }
    await requireBooksConnection(ctx, await getConnection(ctx.db, accountId, next.booksConnectionId));
  }
  const values = {
    postingMode: next.postingMode,
    grouping: next.grouping,
    booksConnectionId: next.booksConnectionId,
    summaryCustomer: next.summaryCustomer,
    saleDocument: next.saleDocument,
    refundDocument: next.refundDocument,
    updatedAt: new Date(),
  };
  await ctx.db
    .insert(booksOrderSettings)
    .values({ connectionId, accountId, ...values })
    .onConflictDoUpdate({ target: booksOrderSettings.connectionId, set: values });
  return next;
}

/** A books connection is one whose connector offers the books API (no network call is made). */
async function requireBooksConnection(ctx: AppContext, connection: Connection): Promise<void> {
  // A platform that polls the hub (QuickBooks Desktop) takes postings through its queue instead.
  if (pollingProtocolOf(ctx, connection)) return;
  try {
    booksClientOf(ctx, connection);
  } catch {
    throw new AppError(
      "invalid_data",
      "not_a_books_connection",
      `connection "${connection.name}" (${connection.platform}) cannot receive sales postings`,
    );
  }
}
