import {
  bigserial,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
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

/**
 * QuickBooks Desktop (decision 0006): the Web Connector polls the hub, so postings are prepared
 * ahead into `qbwc_requests` and served from there. One row per Web Connector session (its ticket).
 */
/**
 * A session's stock read-back: the time it began (the next watermark once every list is read),
 * the FromModifiedDate it asked with (null: everything), and per item list `start`, the iteratorID
 * to continue with, `done`, or `failed`.
 */
export type StockReadState = {
  startedAt: string;
  from: string | null;
  lists: Record<string, string>;
  /** The requestIDs of the stock queries out and waiting for their answer. */
  waiting: string[];
};

export const qbwcSessions = pgTable(
  "qbwc_sessions",
  {
    ticket: uuid().primaryKey().defaultRandom(),
    accountId: tenantId(),
    connectionId: uuid()
      .notNull()
      .references(() => connections.id, { onDelete: "cascade" }),
    /** The qbXML version the requests of this session are written in (negotiated, at least 13.0). */
    qbxmlVersion: text(),
    /** What getLastError answers: "NoOp" while requests are being prepared, or the last error. */
    lastError: text(),
    /** Requests answered in this session, for the percent done. */
    answered: integer().notNull().default(0),
    /** This session's stock read-back (inventory source): where each item list's iterator stands. */
    stockRead: jsonb().$type<StockReadState>(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    lastCallAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    closedAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index().on(t.connectionId, t.closedAt)],
);

export const qbwcRequestRoles = ["customer", "document", "refund", "delete"] as const;
export const qbwcRequestStatuses = ["queued", "sent", "done", "failed"] as const;

/**
 * Prepared qbXML requests: `queued` → `sent` in a message set → `done` / `failed` when QuickBooks
 * answers. `request_id` is the qbXML requestID that maps the answer back; `message_set_id` the set
 * a sent request travelled in, asked about again (oldMessageSetID) when its answer never came.
 */
export const qbwcRequests = pgTable(
  "qbwc_requests",
  {
    id: uuid().primaryKey().defaultRandom(),
    accountId: tenantId(),
    connectionId: uuid()
      .notNull()
      .references(() => connections.id, { onDelete: "cascade" }),
    requestId: text().notNull(),
    postingId: uuid().references(() => booksPostings.id, { onDelete: "cascade" }),
    generation: integer(),
    /** Order within the posting's requests (customer, document, refund). */
    position: integer().notNull().default(0),
    role: text({ enum: qbwcRequestRoles }).notNull(),
    xml: text().notNull(),
    docKind: text(),
    currency: text().notNull(),
    skus: jsonb().$type<string[]>().notNull().default([]),
    status: text({ enum: qbwcRequestStatuses }).notNull().default("queued"),
    messageSetId: uuid(),
    /** The transaction QuickBooks created (document requests), for a later TxnDel. */
    txnId: text(),
    outcome: text(),
    attempts: integer().notNull().default(0),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex("qbwc_requests_request_id").on(t.connectionId, t.requestId),
    index().on(t.connectionId, t.status, t.createdAt),
    index().on(t.postingId),
  ],
);

/**
 * Per QuickBooks Desktop connection: last Web Connector contact, the schedule its latest .qwc set
 * (the silence alarm waits a few runs of it) and failed sign-ins (rate limit).
 */
export const qbwcContacts = pgTable("qbwc_contacts", {
  connectionId: uuid()
    .primaryKey()
    .references(() => connections.id, { onDelete: "cascade" }),
  accountId: tenantId(),
  lastContactAt: timestamp({ withTimezone: true }),
  runEveryMinutes: integer().notNull().default(15),
  /** When the latest .qwc was downloaded: silence counts from then until the first call. */
  qwcIssuedAt: timestamp({ withTimezone: true }),
  failedLogins: integer().notNull().default(0),
  failWindowEndsAt: timestamp({ withTimezone: true }),
  /** When the last complete stock read-back began: the next one asks for items modified since. */
  stockReadFrom: timestamp({ withTimezone: true }),
});

/** One item of a stored stock page, as QuickBooks reported it (dates as ISO text). */
export type StoredStockItem = {
  inventoryItemId: string;
  locationId: string;
  sku: string | null;
  name: string;
  quantity: number;
  active: boolean;
  updatedAt: string;
};

export const qbwcStockPageStatuses = ["received", "applied", "failed"] as const;

/**
 * Pages of QuickBooks Desktop's stock read-back (ItemInventoryQuery iterator pages), stored as
 * receiveResponseXML receives them and applied by a job afterwards, so the call answers at once.
 * `seq` is the order received: pages of one connection are applied in it, so a later count of an
 * item is never overwritten by an earlier one. (ticket, request_id) names a page once.
 */
export const qbwcStockPages = pgTable(
  "qbwc_stock_pages",
  {
    seq: bigserial({ mode: "number" }).primaryKey(),
    accountId: tenantId(),
    connectionId: uuid()
      .notNull()
      .references(() => connections.id, { onDelete: "cascade" }),
    ticket: uuid().notNull(),
    requestId: text().notNull(),
    items: jsonb().$type<StoredStockItem[]>().notNull(),
    status: text({ enum: qbwcStockPageStatuses }).notNull().default("received"),
    /** Products whose on-hand the page moved, once applied. */
    moved: integer(),
    error: text(),
    receivedAt: createdAt(),
    appliedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    uniqueIndex("qbwc_stock_pages_request").on(t.connectionId, t.ticket, t.requestId),
    index().on(t.connectionId, t.status, t.seq),
  ],
);
