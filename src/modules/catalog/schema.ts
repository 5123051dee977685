import {
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { tenantId, timestamps } from "../../db/columns.ts";

/** A product at SKU level; variants are products sharing a `groupKey` with their option values. */
export const products = pgTable(
  "products",
  {
    id: uuid().primaryKey().defaultRandom(),
    accountId: tenantId(),
    sku: text().notNull(),
    name: text().notNull(),
    groupKey: text(),
    options: jsonb().$type<Record<string, string>>().notNull().default({}),
    barcode: text(),
    weightGrams: integer(),
    priceMinor: integer(),
    costMinor: integer(),
    currency: text(),
    images: jsonb().$type<string[]>().notNull().default([]),
    archived: boolean().notNull().default(false),
    leadTimeDays: integer(),
    lowStockThreshold: integer(),
    /** When true, orders may reserve beyond what is available (pre-orders, made to order). */
    allowBackorder: boolean().notNull().default(false),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex().on(t.accountId, t.sku),
    index().on(t.accountId, t.groupKey),
    index().on(t.accountId, t.name),
  ],
);

/** The catalog's tables other modules may point foreign keys at; nothing else of it is referenced. */
export const catalogReferenceableTables = [products] as const;

/** A product as it exists on one connection, with the platform's ids and what was last pushed. */
export const listings = pgTable(
  "listings",
  {
    id: uuid().primaryKey().defaultRandom(),
    accountId: tenantId(),
    productId: uuid()
      .notNull()
      .references(() => products.id, { onDelete: "cascade" }),
    connectionId: uuid().notNull(),
    platformProductId: text(),
    platformVariantId: text(),
    inventoryItemId: text(),
    locationId: text(),
    lastPushedQuantity: integer(),
    lastPushedAt: timestamp({ withTimezone: true }),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex().on(t.connectionId, t.productId),
    index().on(t.accountId, t.productId),
    // Webhooks name the platform's ids: inventory events the item, product events the variants.
    index().on(t.connectionId, t.inventoryItemId),
    index().on(t.connectionId, t.platformVariantId),
  ],
);
