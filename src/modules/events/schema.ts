import { sql } from "drizzle-orm";
import { bigint, bigserial, index, jsonb, pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";
import { createdAt, updatedAt } from "../../db/columns.ts";

/**
 * Domain events, written in the same transaction as the change they describe. Consumers read them
 * in (txid, id) order and only from transactions older than every one still running, so an event
 * that commits late is never skipped (see readEvents).
 */
export const events = pgTable(
  "events",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    txid: bigint({ mode: "number" }).notNull().default(sql`pg_current_xact_id()::text::bigint`),
    accountId: uuid().notNull(),
    type: text().notNull(),
    /** What the event is about, for filtering: a SKU, an order id, a connection id. */
    subject: text(),
    payload: jsonb().$type<Record<string, unknown>>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [index().on(t.txid, t.id), index().on(t.accountId, t.type, t.id)],
);

/** Where each consumer has read up to. */
export const eventCursors = pgTable(
  "event_cursors",
  {
    consumer: text().notNull(),
    txid: bigint({ mode: "number" }).notNull().default(0),
    eventId: bigint({ mode: "number" }).notNull().default(0),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.consumer] })],
);
