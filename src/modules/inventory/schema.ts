import { sql } from "drizzle-orm";
import {
  bigserial,
  boolean,
  check,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { createdAt, tenantId, updatedAt } from "../../db/columns.ts";
import { products } from "../catalog/schema.ts";

export const warehouses = pgTable(
  "warehouses",
  {
    id: uuid().primaryKey().defaultRandom(),
    accountId: tenantId(),
    name: text().notNull(),
    isDefault: boolean().notNull().default(false),
    /** Whether this warehouse's stock counts toward what channels may sell. */
    countsForAvailability: boolean().notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex().on(t.accountId, t.name), index().on(t.accountId)],
);

/** The inventory's tables other modules may point foreign keys at; nothing else of it is referenced. */
export const inventoryReferenceableTables = [warehouses] as const;

/** On-hand and reserved per product and warehouse; always the sum of the ledger's deltas. */
export const stockLevels = pgTable(
  "stock_levels",
  {
    accountId: uuid().notNull(),
    productId: uuid()
      .notNull()
      .references(() => products.id, { onDelete: "cascade" }),
    warehouseId: uuid()
      .notNull()
      .references(() => warehouses.id, { onDelete: "restrict" }),
    onHand: integer().notNull().default(0),
    reserved: integer().notNull().default(0),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.productId, t.warehouseId] }),
    index().on(t.accountId),
    check("stock_levels_reserved_not_negative", sql`${t.reserved} >= 0`),
  ],
);

export const movementReasons = [
  "order",
  "ship",
  "cancel",
  "refund-restock",
  "return",
  "adjustment",
  "set",
  "import",
  "purchase-receipt",
  "transfer",
  /** A count taken from the books when they are the inventory source (R-SYNC-8). */
  "books",
] as const;
export type MovementReason = (typeof movementReasons)[number];

/** The stock ledger: append-only, one row per change, unique idempotency key per account. */
export const stockMovements = pgTable(
  "stock_movements",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    accountId: uuid().notNull(),
    productId: uuid()
      .notNull()
      .references(() => products.id, { onDelete: "cascade" }),
    warehouseId: uuid()
      .notNull()
      .references(() => warehouses.id, { onDelete: "restrict" }),
    onHandDelta: integer().notNull(),
    reservedDelta: integer().notNull(),
    onHandAfter: integer().notNull(),
    reservedAfter: integer().notNull(),
    reason: text({ enum: movementReasons }).notNull(),
    referenceType: text(),
    referenceId: text(),
    idempotencyKey: text().notNull(),
    /** Hash of the request that produced this row, to tell a replay from a conflicting reuse. */
    payloadHash: text(),
    /** Set when the movement took available below zero for a product without backorders. */
    oversold: boolean().notNull().default(false),
    note: text(),
    actor: text(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex().on(t.accountId, t.idempotencyKey),
    index().on(t.accountId, t.productId, t.id),
    index().on(t.accountId, t.id),
  ],
);
