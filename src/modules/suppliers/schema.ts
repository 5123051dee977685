import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { tenantId, timestamps, updatedAt } from "../../db/columns.ts";
import { products } from "../catalog/schema.ts";
import { warehouses } from "../inventory/schema.ts";

/** A company the merchant buys from (R-INV-6); money in the supplier's currency, in minor units. */
export const suppliers = pgTable(
  "suppliers",
  {
    id: uuid().primaryKey().defaultRandom(),
    accountId: tenantId(),
    name: text().notNull(),
    email: text(),
    currency: text().notNull(),
    /** Days from ordering to receiving when a link names none (R-INV-4). */
    defaultLeadTimeDays: integer(),
    minimumOrderMinor: integer(),
    notes: text(),
    ...timestamps(),
  },
  (t) => [uniqueIndex().on(t.accountId, t.name)],
);

export const linkOrigins = ["manual", "csv", "automatic", "source"] as const;
export type LinkOrigin = (typeof linkOrigins)[number];

/** Which supplier sells a product, under which of its SKUs, at what cost and in which quantities. */
export const supplierLinks = pgTable(
  "supplier_links",
  {
    id: uuid().primaryKey().defaultRandom(),
    accountId: tenantId(),
    supplierId: uuid()
      .notNull()
      .references(() => suppliers.id, { onDelete: "cascade" }),
    productId: uuid()
      .notNull()
      .references(() => products.id, { onDelete: "cascade" }),
    supplierSku: text().notNull(),
    costMinor: integer(),
    leadTimeDays: integer(),
    minOrderQuantity: integer().notNull().default(1),
    orderMultiple: integer().notNull().default(1),
    preferred: boolean().notNull().default(false),
    /** How the link came to be; `automatic` ones (supplier SKU equal to a hub SKU) can be undone. */
    origin: text({ enum: linkOrigins }).notNull().default("manual"),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex().on(t.supplierId, t.productId),
    uniqueIndex().on(t.supplierId, t.supplierSku),
    index().on(t.accountId, t.productId),
    check("supplier_links_quantities_positive", sql`${t.minOrderQuantity} >= 1 and ${t.orderMultiple} >= 1`),
  ],
);

/**
 * What a supplier says it holds of a product: stock the merchant may sell without holding it,
 * kept apart from the ledger's on-hand (R-INV-6).
 */
export const supplierStock = pgTable(
  "supplier_stock",
  {
    accountId: tenantId(),
    supplierId: uuid()
      .notNull()
      .references(() => suppliers.id, { onDelete: "cascade" }),
    productId: uuid()
      .notNull()
      .references(() => products.id, { onDelete: "cascade" }),
    quantity: integer().notNull(),
    costMinor: integer(),
    reportedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.supplierId, t.productId] }),
    index().on(t.accountId, t.productId),
    check("supplier_stock_quantity_not_negative", sql`${t.quantity} >= 0`),
  ],
);

/**
 * Files a supplier source imported, so the same file (name, size and hash) is never imported twice
 * and a much shorter one than the last can be refused as truncated. `sourceKey` names the source
 * (a connection's id) without tying this module to connections.
 */
export const supplierSourceFiles = pgTable(
  "supplier_source_files",
  {
    id: uuid().primaryKey().defaultRandom(),
    accountId: tenantId(),
    supplierId: uuid()
      .notNull()
      .references(() => suppliers.id, { onDelete: "cascade" }),
    sourceKey: text().notNull(),
    fileName: text().notNull(),
    size: integer().notNull(),
    sha256: text().notNull(),
    /** Rows of the file that were read (good and malformed), the measure of the next file. */
    rows: integer().notNull(),
    importedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex().on(t.accountId, t.sourceKey, t.fileName, t.size, t.sha256),
    index().on(t.accountId, t.sourceKey, t.importedAt),
  ],
);

export const purchaseOrderStatuses = [
  "draft",
  "sent",
  "partially_received",
  "received",
  "cancelled",
] as const;
export type PurchaseOrderStatus = (typeof purchaseOrderStatuses)[number];

/**
 * An order to a supplier (issue 22): drafted by hand or from supply needs, then sent, then received
 * in one or more receipts, or cancelled before any receipt. Its lines' open quantities, once sent,
 * are the products' "on order".
 */
export const purchaseOrders = pgTable(
  "purchase_orders",
  {
    id: uuid().primaryKey().defaultRandom(),
    accountId: tenantId(),
    supplierId: uuid()
      .notNull()
      .references(() => suppliers.id, { onDelete: "restrict" }),
    status: text({ enum: purchaseOrderStatuses }).notNull().default("draft"),
    /** The supplier's currency when the order was drafted; line costs are in its minor units. */
    currency: text().notNull(),
    note: text(),
    sentAt: timestamp({ withTimezone: true }),
    /** The address the order was e-mailed to, null when it was only marked sent. */
    emailedTo: text(),
    ...timestamps(),
  },
  (t) => [index().on(t.accountId, t.createdAt), index().on(t.accountId, t.status)],
);

export const purchaseOrderLines = pgTable(
  "purchase_order_lines",
  {
    id: uuid().primaryKey().defaultRandom(),
    accountId: tenantId(),
    purchaseOrderId: uuid()
      .notNull()
      .references(() => purchaseOrders.id, { onDelete: "cascade" }),
    productId: uuid()
      .notNull()
      .references(() => products.id, { onDelete: "restrict" }),
    supplierSku: text(),
    quantity: integer().notNull(),
    received: integer().notNull().default(0),
    costMinor: integer(),
  },
  (t) => [
    uniqueIndex().on(t.purchaseOrderId, t.productId),
    index().on(t.accountId, t.productId),
    check(
      "purchase_order_lines_quantities",
      sql`${t.quantity} >= 1 and ${t.received} >= 0 and ${t.received} <= ${t.quantity}`,
    ),
  ],
);

/**
 * One receipt of a purchase order, keyed by the caller's receipt key so a replay changes nothing:
 * what it received is kept to answer the replay the same.
 */
export const purchaseReceipts = pgTable(
  "purchase_receipts",
  {
    id: uuid().primaryKey().defaultRandom(),
    accountId: tenantId(),
    purchaseOrderId: uuid()
      .notNull()
      .references(() => purchaseOrders.id, { onDelete: "cascade" }),
    receiptKey: text().notNull(),
    warehouseId: uuid()
      .notNull()
      .references(() => warehouses.id, { onDelete: "restrict" }),
    /** The received lines as [{productId, quantity}], for the replay's answer. */
    lines: jsonb().$type<{ productId: string; quantity: number }[]>().notNull(),
    receivedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex().on(t.purchaseOrderId, t.receiptKey)],
);
