import { sql } from "drizzle-orm";
import {
  boolean,
  date,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { createdAt, tenantId, timestamps } from "../../db/columns.ts";
import { products } from "../catalog/schema.ts";
import { warehouses } from "../inventory/schema.ts";

export const orderStatuses = [
  "pending",
  "processing",
  "shipped",
  "completed",
  "cancelled",
  "refunded",
  "partially_refunded",
] as const;
export type OrderStatus = (typeof orderStatuses)[number];

const NO_CONNECTION = "00000000-0000-0000-0000-000000000000";

export const orders = pgTable(
  "orders",
  {
    id: uuid().primaryKey().defaultRandom(),
    accountId: tenantId(),
    /** The channel connection it came from; null for orders entered through the API. */
    connectionId: uuid(),
    platformOrderId: text().notNull(),
    orderNumber: text().notNull(),
    placedAt: timestamp({ withTimezone: true }).notNull(),
    currency: text().notNull(),
    subtotalMinor: integer().notNull(),
    discountMinor: integer().notNull().default(0),
    taxMinor: integer().notNull().default(0),
    shippingMinor: integer().notNull().default(0),
    totalMinor: integer().notNull(),
    refundedMinor: integer().notNull().default(0),
    customerName: text(),
    customerEmail: text(),
    shipName: text(),
    shipLine1: text(),
    shipLine2: text(),
    shipCity: text(),
    shipState: text(),
    shipPostalCode: text(),
    shipCountry: text(),
    channelStatus: text(),
    financialStatus: text(),
    status: text({ enum: orderStatuses }).notNull().default("pending"),
    warehouseId: uuid()
      .notNull()
      .references(() => warehouses.id, { onDelete: "restrict" }),
    /** The platform's last-modified time; older updates arriving late are ignored. */
    platformUpdatedAt: timestamp({ withTimezone: true }),
    backordered: boolean().notNull().default(false),
    /** Placed before the hub was watching (a backfill brought it): counts as a sale, announces nothing. */
    historical: boolean().notNull().default(false),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex("orders_platform_key").on(
      t.accountId,
      sql`coalesce(${t.connectionId}, ${sql.raw(`'${NO_CONNECTION}'`)}::uuid)`,
      t.platformOrderId,
    ),
    index().on(t.accountId, t.placedAt, t.id),
    index().on(t.accountId, t.status),
    index().on(t.accountId, t.connectionId, t.placedAt),
    // The year's usage against the allotment counts orders by when the hub downloaded them.
    index().on(t.accountId, t.createdAt),
  ],
);

export const orderLines = pgTable(
  "order_lines",
  {
    id: uuid().primaryKey().defaultRandom(),
    accountId: uuid().notNull(),
    orderId: uuid()
      .notNull()
      .references(() => orders.id, { onDelete: "cascade" }),
    lineNo: integer().notNull(),
    productId: uuid()
      .notNull()
      .references(() => products.id, { onDelete: "restrict" }),
    sku: text().notNull(),
    name: text().notNull(),
    quantity: integer().notNull(),
    unitPriceMinor: integer().notNull(),
    discountMinor: integer().notNull().default(0),
    taxMinor: integer().notNull().default(0),
    /** Units currently held in `reserved` for this line. */
    reservedQty: integer().notNull().default(0),
    /** Units ordered while none were available (flagged for a person). */
    backorderedQty: integer().notNull().default(0),
    shippedQty: integer().notNull().default(0),
    /** Units refunded (shipped or not); `restockedQty` of them came back to on-hand. */
    refundedQty: integer().notNull().default(0),
    restockedQty: integer().notNull().default(0),
    /** Units released when the order was cancelled before shipping. */
    cancelledQty: integer().notNull().default(0),
    platformLineId: text(),
  },
  (t) => [uniqueIndex().on(t.orderId, t.lineNo), index().on(t.accountId, t.productId)],
);

/**
 * Units sold per product, UTC day of `placed_at` and channel: what `order_lines` say, kept in the
 * same transaction as the writes that change it (product-sales.ts), so a window's sales are one
 * range read instead of a probe per line. Sold = ordered − cancelled, orders not cancelled.
 */
export const productDailySales = pgTable(
  "product_daily_sales",
  {
    accountId: tenantId(),
    productId: uuid().notNull(),
    day: date({ mode: "string" }).notNull(),
    /** The order's channel connection; null for orders entered through the API. */
    connectionId: uuid(),
    units: integer().notNull(),
  },
  (t) => [unique().on(t.accountId, t.productId, t.day, t.connectionId).nullsNotDistinct()],
);

export const refunds = pgTable(
  "refunds",
  {
    id: uuid().primaryKey().defaultRandom(),
    accountId: uuid().notNull(),
    orderId: uuid()
      .notNull()
      .references(() => orders.id, { onDelete: "cascade" }),
    platformRefundId: text(),
    amountMinor: integer().notNull(),
    currency: text().notNull(),
    reason: text(),
    refundedAt: timestamp({ withTimezone: true }).notNull(),
    /** Refunded before the hub was watching (a backfill brought it); see `orders.historical`. */
    historical: boolean().notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex().on(t.orderId, t.platformRefundId), index().on(t.accountId, t.refundedAt)],
);

export const refundLines = pgTable("refund_lines", {
  id: uuid().primaryKey().defaultRandom(),
  refundId: uuid()
    .notNull()
    .references(() => refunds.id, { onDelete: "cascade" }),
  orderLineId: uuid()
    .notNull()
    .references(() => orderLines.id, { onDelete: "cascade" }),
  quantity: integer().notNull(),
  amountMinor: integer().notNull().default(0),
  restock: boolean().notNull(),
});

export const shipments = pgTable(
  "shipments",
  {
    id: uuid().primaryKey().defaultRandom(),
    accountId: uuid().notNull(),
    orderId: uuid()
      .notNull()
      .references(() => orders.id, { onDelete: "cascade" }),
    platformShipmentId: text(),
    carrier: text(),
    trackingNumber: text(),
    trackingUrl: text(),
    shippedAt: timestamp({ withTimezone: true }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex().on(t.orderId, t.platformShipmentId), index().on(t.accountId, t.shippedAt)],
);

export const shipmentLines = pgTable("shipment_lines", {
  id: uuid().primaryKey().defaultRandom(),
  shipmentId: uuid()
    .notNull()
    .references(() => shipments.id, { onDelete: "cascade" }),
  orderLineId: uuid()
    .notNull()
    .references(() => orderLines.id, { onDelete: "cascade" }),
  quantity: integer().notNull(),
});

/**
 * Allotment thresholds (80 and 100 per cent) already announced for an account's year, so each is
 * announced once a year however often usage is looked at.
 */
export const allotmentNotices = pgTable(
  "allotment_notices",
  {
    accountId: tenantId(),
    year: integer().notNull(),
    threshold: integer().notNull(),
    createdAt: createdAt(),
  },
  (t) => [unique().on(t.accountId, t.year, t.threshold)],
);
