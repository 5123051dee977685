import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt, tenantId, timestamps, updatedAt } from "../../db/columns.ts";
import { connections } from "../connections/schema.ts";

export const postingModes = ["individual", "summary"] as const;
export type PostingMode = (typeof postingModes)[number];
/** `day`: one summary per channel connection per day (the store key); `month`: per order-date month. */
export const summaryGroupings = ["day", "month"] as const;
export type SummaryGrouping = (typeof summaryGroupings)[number];
/** The document an individually posted order becomes: paid at once (receipt) or billed (invoice). */
export const saleDocuments = ["SalesReceipt", "Invoice"] as const;
export type SaleDocument = (typeof saleDocuments)[number];
/** The document a refund becomes: money paid back (refund receipt) or credit kept (credit memo). */
export const refundDocuments = ["RefundReceipt", "CreditMemo"] as const;
export type RefundDocument = (typeof refundDocuments)[number];

/** How one channel connection's sales reach the books (R-ORD-3). No row = summary mode, not posting. */
export const booksOrderSettings = pgTable("books_order_settings", {
  connectionId: uuid()
    .primaryKey()
    .references(() => connections.id, { onDelete: "cascade" }),
  accountId: tenantId(),
  postingMode: text({ enum: postingModes }).notNull().default("summary"),
  grouping: text({ enum: summaryGroupings }).notNull().default("day"),
  booksConnectionId: uuid().references(() => connections.id, { onDelete: "set null" }),
  /** Customer on summary receipts (and on orders without a customer name). */
  summaryCustomer: text(),
  /** Individual mode only: summaries are always sales receipts (re-summarise deletes receipts). */
  saleDocument: text({ enum: saleDocuments }).notNull().default("SalesReceipt"),
  refundDocument: text({ enum: refundDocuments }).notNull().default("RefundReceipt"),
  updatedAt: updatedAt(),
});

export const postingStatuses = ["pending", "posting", "posted", "failed", "preview"] as const;
export type PostingStatus = (typeof postingStatuses)[number];
export const postingSubjects = ["order", "summary", "refund"] as const;
export type PostingSubject = (typeof postingSubjects)[number];

/**
 * The postings ledger (R-ORD-4): one row per books connection and subject. `subject_id` is the
 * order id, the refund id, or `<channel connection>:<period>` for a summary, so the same period
 * re-synced lands on the same row. `generation` grows when a summary is re-summarised: the
 * idempotency key sent to QuickBooks is `<row id>:<generation>`.
 */
export const booksPostings = pgTable(
  "books_postings",
  {
    id: uuid().primaryKey().defaultRandom(),
    accountId: tenantId(),
    booksConnectionId: uuid()
      .notNull()
      .references(() => connections.id, { onDelete: "cascade" }),
    channelConnectionId: uuid(),
    subjectType: text({ enum: postingSubjects }).notNull(),
    subjectId: text().notNull(),
    status: text({ enum: postingStatuses }).notNull().default("pending"),
    generation: integer().notNull().default(1),
    docKind: text(),
    docId: text(),
    docNumber: text(),
    syncToken: text(),
    totalMinor: integer(),
    error: text(),
    attempts: integer().notNull().default(0),
    postedAt: timestamp({ withTimezone: true }),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex("books_postings_subject").on(t.booksConnectionId, t.subjectType, t.subjectId),
    index().on(t.accountId, t.status),
    index().on(t.status, t.updatedAt),
  ],
);

export type SummaryLine = {
  sku: string;
  name: string;
  quantity: number;
  unitPriceMinor: number;
  amountMinor: number;
};

/** A summary sale of one period of one channel connection (R-ORD-3). */
export const booksSummaries = pgTable(
  "books_summaries",
  {
    id: uuid().primaryKey().defaultRandom(),
    accountId: tenantId(),
    channelConnectionId: uuid()
      .notNull()
      .references(() => connections.id, { onDelete: "cascade" }),
    /** `YYYY-MM-DD` (day grouping) or `YYYY-MM` (month grouping), UTC order dates. */
    periodKey: text().notNull(),
    currency: text().notNull(),
    lines: jsonb().$type<SummaryLine[]>().notNull(),
    discountMinor: integer().notNull().default(0),
    taxMinor: integer().notNull().default(0),
    shippingMinor: integer().notNull().default(0),
    totalMinor: integer().notNull(),
    generation: integer().notNull().default(1),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("books_summaries_period").on(t.channelConnectionId, t.periodKey, t.currency)],
);

export const booksSummaryOrders = pgTable(
  "books_summary_orders",
  {
    summaryId: uuid()
      .notNull()
      .references(() => booksSummaries.id, { onDelete: "cascade" }),
    accountId: uuid().notNull(),
    /** Unique: an order sits in at most one summary, whatever the period. */
    orderId: uuid().notNull(),
    orderNumber: text().notNull(),
  },
  (t) => [uniqueIndex("books_summary_orders_order").on(t.orderId), index().on(t.summaryId)],
);
