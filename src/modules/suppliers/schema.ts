import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { tenantId, timestamps, updatedAt } from "../../db/columns.ts";
import { products } from "../catalog/schema.ts";

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
