import { sql } from "drizzle-orm";
import {
  bigserial,
  boolean,
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
import { createdAt, timestamps, updatedAt } from "../../db/columns.ts";
import { accounts } from "../accounts/schema.ts";
import { connections, severities } from "../connections/schema.ts";
import { warehouses } from "../inventory/schema.ts";

export const feeds = pgTable(
  "feeds",
  {
    id: uuid().primaryKey().defaultRandom(),
    accountId: uuid().notNull(),
    connectionId: uuid()
      .notNull()
      .references(() => connections.id, { onDelete: "cascade" }),
    kind: text().notNull(),
    enabled: boolean().notNull().default(true),
    /** Cron in `timezone`; null for event-driven feeds (stock export, shipping confirmation). */
    cron: text(),
    timezone: text().notNull().default("UTC"),
    nextRunAt: timestamp({ withTimezone: true }),
    /** Incremental feeds read from here (minus an overlap) next time. */
    watermark: timestamp({ withTimezone: true }),
    ...timestamps(),
  },
  (t) => [uniqueIndex().on(t.connectionId, t.kind), index().on(t.enabled, t.nextRunAt)],
);

export const runTriggers = ["schedule", "manual", "webhook", "retry", "onboarding"] as const;
export type RunTrigger = (typeof runTriggers)[number];
export const runStatuses = ["queued", "running", "succeeded", "partial", "failed", "blocked"] as const;
export type RunStatus = (typeof runStatuses)[number];
/**
 * Why a run failed (or was refused), from the error's type, never its wording: the dashboard's
 * advice and API clients branch on it (run-error-code.ts derives it; docs/error-codes.md lists it).
 */
export const runErrorCodes = [
  "credentials_rejected",
  "throttled",
  "platform_unavailable",
  "address_refused",
  "mode_blocked",
  "connection_disconnected",
  "allotment_reached",
  "feed_unsupported",
  "internal_error",
] as const;
export type RunErrorCode = (typeof runErrorCodes)[number];

export type RunCounts = {
  imported: number;
  updated: number;
  new: number;
  archived: number;
  skipped: number;
  failed: number;
  /** Orders and refunds a backfill brought from before the hub was watching (history.ts). */
  historical?: number;
  historicalRefunds?: number;
};

export const feedRuns = pgTable(
  "feed_runs",
  {
    id: uuid().primaryKey().defaultRandom(),
    accountId: uuid().notNull(),
    connectionId: uuid()
      .notNull()
      .references(() => connections.id, { onDelete: "cascade" }),
    feedKind: text().notNull(),
    trigger: text({ enum: runTriggers }).notNull(),
    status: text({ enum: runStatuses }).notNull().default("queued"),
    full: boolean().notNull().default(false),
    counts: jsonb()
      .$type<RunCounts>()
      .notNull()
      .default({ imported: 0, updated: 0, new: 0, archived: 0, skipped: 0, failed: 0 }),
    /** Pages read so far; `cursor` lets a run killed half way resume where it stopped. */
    progress: jsonb().$type<{ done: number; total: number | null; cursor?: string | null }>(),
    error: text(),
    /** Null for a run that did not fail, and for runs from before codes were kept. */
    errorCode: text({ enum: runErrorCodes }),
    queuedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp({ withTimezone: true }),
    finishedAt: timestamp({ withTimezone: true }),
    /** Renewed while a worker runs it; a running run whose heartbeat stops is resumed (run-lease.ts). */
    heartbeatAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    index().on(t.accountId, t.queuedAt),
    index().on(t.connectionId, t.feedKind, t.queuedAt),
    // Health checks and run recovery look for running runs often; finished ones are nearly all.
    index("feed_runs_running_index").on(t.connectionId, t.heartbeatAt).where(sql`${t.status} = 'running'`),
  ],
);

/** Messages of a run, and the problems (with severity) it met. */
export const runMessages = pgTable(
  "run_messages",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    runId: uuid()
      .notNull()
      .references(() => feedRuns.id, { onDelete: "cascade" }),
    severity: text({ enum: severities }).notNull(),
    code: text().notNull(),
    message: text().notNull(),
    subject: text(),
    createdAt: createdAt(),
  },
  (t) => [index().on(t.runId)],
);

/**
 * Outbound work per connection that must never be lost (transactional outbox): one row per
 * (kind, subject), so repeated stock changes of one SKU coalesce. Rows are deleted once the
 * platform confirmed; `generation` tells a drain whether the row changed while it was pushing.
 */
export const outbox = pgTable(
  "outbox",
  {
    accountId: uuid().notNull(),
    connectionId: uuid()
      .notNull()
      .references(() => connections.id, { onDelete: "cascade" }),
    kind: text({ enum: ["stock", "fulfillment"] }).notNull(),
    subjectId: text().notNull(),
    sku: text(),
    generation: integer().notNull().default(1),
    attempts: integer().notNull().default(0),
    nextAttemptAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastError: text(),
    enqueuedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.connectionId, t.kind, t.subjectId] }),
    index().on(t.connectionId, t.kind, t.nextAttemptAt),
    // A drain reads the oldest due rows: without this, each batch sorts the whole backlog.
    index().on(t.connectionId, t.kind, t.enqueuedAt),
  ],
);

export const webhookInbox = pgTable(
  "webhook_inbox",
  {
    id: uuid().primaryKey().defaultRandom(),
    accountId: uuid().notNull(),
    connectionId: uuid()
      .notNull()
      .references(() => connections.id, { onDelete: "cascade" }),
    eventId: text().notNull(),
    /**
     * SHA-256 of the signed body: the platform's event id is an unsigned header, so a captured
     * delivery resent under a new id is recognised by what was signed.
     */
    bodySha256: text(),
    topic: text().notNull(),
    body: text().notNull(),
    headers: jsonb().$type<Record<string, string>>().notNull(),
    status: text({ enum: ["received", "processed", "failed", "ignored"] })
      .notNull()
      .default("received"),
    error: text(),
    receivedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    processedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    uniqueIndex().on(t.connectionId, t.eventId),
    uniqueIndex().on(t.connectionId, t.bodySha256),
    index().on(t.status, t.receivedAt),
  ],
);

/** Differences the stock check found between the hub and a platform. */
export const stockDrift = pgTable(
  "stock_drift",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    accountId: uuid().notNull(),
    connectionId: uuid()
      .notNull()
      .references(() => connections.id, { onDelete: "cascade" }),
    runId: uuid()
      .notNull()
      .references(() => feedRuns.id, { onDelete: "cascade" }),
    sku: text().notNull(),
    locationId: text().notNull(),
    hubQuantity: integer().notNull(),
    platformQuantity: integer().notNull(),
    /** "hub" when the platform still shows the hub's last push, "outside" when someone changed it there. */
    lastWriter: text({ enum: ["hub", "outside", "unknown"] }).notNull(),
    corrected: boolean().notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [index().on(t.runId), index().on(t.connectionId, t.createdAt)],
);

/**
 * Who is draining a connection's outbox right now. A lease, not a lock: a worker that dies
 * mid-drain stops renewing it, and another takes over once it expires.
 */
export const drainLeases = pgTable("drain_leases", {
  connectionId: uuid()
    .primaryKey()
    .references(() => connections.id, { onDelete: "cascade" }),
  holder: text().notNull(),
  expiresAt: timestamp({ withTimezone: true }).notNull(),
});

/**
 * The account's inventory source (R-SYNC-8). No row = the hub is the source (the default); a row
 * names the books connection whose counts the hub follows, the warehouse those counts describe
 * (null = the default warehouse), and since when (sales before that are taken as counted).
 */
export const inventorySources = pgTable("inventory_sources", {
  accountId: uuid()
    .primaryKey()
    .references(() => accounts.id, { onDelete: "cascade" }),
  connectionId: uuid()
    .notNull()
    .references(() => connections.id, { onDelete: "cascade" }),
  warehouseId: uuid().references(() => warehouses.id, { onDelete: "set null" }),
  since: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedAt: updatedAt(),
});

/** One step of a connection's onboarding: the feed it runs and the run queued for it (null = off). */
export type OnboardingStep = { kind: string; runId: string | null; reason?: string };
export const initialStockModes = ["auto", "always", "never"] as const;
export type InitialStockMode = (typeof initialStockModes)[number];

/**
 * The chain a channel runs once when it is paired (R-ORD-1): its products, the last 90 days of
 * orders, then its stock. Each step is a feed run created at pairing; the next one is sent to the
 * queue when the one before finishes (onboarding.ts).
 */
export const connectionOnboardings = pgTable("connection_onboardings", {
  connectionId: uuid()
    .primaryKey()
    .references(() => connections.id, { onDelete: "cascade" }),
  accountId: uuid().notNull(),
  steps: jsonb().$type<OnboardingStep[]>().notNull(),
  initialStock: text({ enum: initialStockModes }).notNull().default("auto"),
  createdAt: createdAt(),
  finishedAt: timestamp({ withTimezone: true }),
});

/** Per-account stall thresholds in seconds; a null column keeps the default (stall-thresholds.ts). */
export const stallThresholds = pgTable("stall_thresholds", {
  accountId: uuid()
    .primaryKey()
    .references(() => accounts.id, { onDelete: "cascade" }),
  pushSeconds: integer(),
  jobSeconds: integer(),
  heartbeatSeconds: integer(),
  webhookSeconds: integer(),
  updatedAt: updatedAt(),
});

/**
 * A connection's stall in progress, from the check that found it to the one that found it clear:
 * whoever inserts or deletes the row raises `sync.stalled` / `sync.recovered`, so each is raised
 * once per episode however many workers check (stall-episodes.ts).
 */
export const stallEpisodes = pgTable("stall_episodes", {
  connectionId: uuid()
    .primaryKey()
    .references(() => connections.id, { onDelete: "cascade" }),
  id: uuid().notNull().defaultRandom(),
  accountId: uuid().notNull(),
  reason: text().notNull(),
  openedAt: timestamp({ withTimezone: true }).notNull(),
});
