import { sql } from "drizzle-orm";
import {
  bigserial,
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
import { createdAt, tenantId, timestamps } from "../../db/columns.ts";

export const connectionModes = ["test", "shadow", "live"] as const;
export type ConnectionMode = (typeof connectionModes)[number];

export type ConnectionSettings = {
  /** Platform location id → hub warehouse id. */
  locationWarehouses?: Record<string, string>;
  /** Location the hub pushes stock to; defaults to the first active location. */
  stockLocationId?: string;
  /** Let the nightly stock check correct the platform (live mode only). */
  correctDrift?: boolean;
  /**
   * Books connections: the tax code postings carry (books/tax-codes.ts), per channel connection id
   * or else the default. QuickBooks companies outside the US refuse sales lines without one.
   */
  booksTaxCodes?: { default?: string | null; channels?: Record<string, string> };
};

export const connections = pgTable(
  "connections",
  {
    id: uuid().primaryKey().defaultRandom(),
    accountId: tenantId(),
    platform: text().notNull(),
    name: text().notNull(),
    mode: text({ enum: connectionModes }).notNull().default("test"),
    /** AES-256-GCM sealed JSON; never returned by the API. */
    credentialsSealed: text().notNull(),
    credentialsHint: jsonb().$type<Record<string, string>>().notNull().default({}),
    /** What the platform calls itself (shop name, company), from credential validation. */
    label: text(),
    settings: jsonb().$type<ConnectionSettings>().notNull().default({}),
    /** Set when the platform said the hub lost access (the merchant uninstalled the app); null while connected. */
    disconnectedAt: timestamp({ withTimezone: true }),
    disconnectedReason: text(),
    ...timestamps(),
  },
  (t) => [index().on(t.accountId), uniqueIndex().on(t.accountId, t.name)],
);

/** The connections module's tables other modules may point foreign keys at; nothing else of it is referenced. */
export const connectionsReferenceableTables = [connections] as const;

export type Connection = typeof connections.$inferSelect;

export const connectionModeChanges = pgTable(
  "connection_mode_changes",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    accountId: uuid().notNull(),
    connectionId: uuid()
      .notNull()
      .references(() => connections.id, { onDelete: "cascade" }),
    fromMode: text().notNull(),
    toMode: text().notNull(),
    actor: text().notNull(),
    changedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.connectionId)],
);

export const severities = ["info", "retry", "error"] as const;
export type Severity = (typeof severities)[number];

/**
 * Items that need another go: `retry` ones come back by themselves with back-off until they work
 * or run out of attempts (then they become `error`); `error` ones wait for a person's replay.
 */
export const syncIssues = pgTable(
  "sync_issues",
  {
    id: uuid().primaryKey().defaultRandom(),
    accountId: uuid().notNull(),
    connectionId: uuid()
      .notNull()
      .references(() => connections.id, { onDelete: "cascade" }),
    feedKind: text().notNull(),
    subjectType: text().notNull(),
    subjectId: text().notNull(),
    severity: text({ enum: severities }).notNull(),
    code: text().notNull(),
    message: text().notNull(),
    attempts: integer().notNull().default(0),
    maxAttempts: integer().notNull().default(5),
    nextRetryAt: timestamp({ withTimezone: true }),
    lastRunId: uuid(),
    resolvedAt: timestamp({ withTimezone: true }),
    resolution: text(),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex("sync_issues_open_key")
      .on(t.connectionId, t.subjectType, t.subjectId)
      .where(sql`${t.resolvedAt} is null`),
    index().on(t.accountId, t.severity),
    index().on(t.severity, t.nextRetryAt),
  ],
);

/** Per SKU and connection: the last push and pull, their quantity and result (R-SYNC-5). */
export const syncLog = pgTable(
  "sync_log",
  {
    accountId: uuid().notNull(),
    connectionId: uuid()
      .notNull()
      .references(() => connections.id, { onDelete: "cascade" }),
    sku: text().notNull(),
    direction: text({ enum: ["push", "pull"] }).notNull(),
    quantity: integer(),
    result: text({ enum: ["ok", "failed", "skipped"] }).notNull(),
    severity: text({ enum: severities }),
    reason: text(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.connectionId, t.sku, t.direction] }), index().on(t.accountId, t.at)],
);

/** What a shadow-mode connection would have sent. */
export const shadowPreviews = pgTable(
  "shadow_previews",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    accountId: uuid().notNull(),
    connectionId: uuid()
      .notNull()
      .references(() => connections.id, { onDelete: "cascade" }),
    kind: text().notNull(),
    subject: text(),
    description: text().notNull(),
    payload: jsonb().$type<Record<string, unknown>>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [index().on(t.connectionId, t.id)],
);
