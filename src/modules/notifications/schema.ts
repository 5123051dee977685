import {
  bigint,
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
import { createdAt, tenantId, updatedAt } from "../../db/columns.ts";
import { accounts } from "../accounts/schema.ts";

/** Stands for "account-wide" where a connection id is part of a unique key (nulls never collide). */
export const ACCOUNT_WIDE = "00000000-0000-0000-0000-000000000000";

export const notificationSeverities = ["info", "success", "warning", "error"] as const;
export type NotificationSeverity = (typeof notificationSeverities)[number];

/** One message in the notification centre; recorded by the event consumer whether or not anyone is signed in. */
export const notifications = pgTable(
  "notifications",
  {
    id: uuid().primaryKey().defaultRandom(),
    accountId: tenantId(),
    type: text().notNull(),
    severity: text({ enum: notificationSeverities }).notNull(),
    title: text().notNull(),
    body: text().notNull(),
    connectionId: uuid(),
    /** What it is about (a SKU, an order id, a goal id), for cooldowns and filters. */
    subject: text(),
    /** The fields the message was rendered from (counts, amounts), shown in the detail view. */
    data: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    /** The event that raised it, when one did. */
    eventId: bigint({ mode: "number" }),
    /** Makes a second notification for the same cause impossible (event id + type, goal + period). */
    dedupeKey: text().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex().on(t.accountId, t.dedupeKey),
    index().on(t.accountId, t.createdAt, t.id),
    index().on(t.accountId, t.type, t.subject, t.createdAt),
    index().on(t.accountId, t.connectionId, t.type, t.createdAt),
  ],
);

/** Read state is per user: a row means that user has read that notification. */
export const notificationReads = pgTable(
  "notification_reads",
  {
    notificationId: uuid()
      .notNull()
      .references(() => notifications.id, { onDelete: "cascade" }),
    userId: uuid().notNull(),
    accountId: uuid().notNull(),
    readAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.notificationId, t.userId] }), index().on(t.userId)],
);

/** Account-wide e-mail routing and the global opt-in (R-NOT-3/4). */
export const notificationSettings = pgTable("notification_settings", {
  accountId: uuid()
    .primaryKey()
    .references(() => accounts.id, { onDelete: "cascade" }),
  /** Null: the account owner's address. */
  defaultEmail: text(),
  overrideEnabled: boolean().notNull().default(false),
  overrideEmails: jsonb().$type<string[]>().notNull().default([]),
  globalOptIn: boolean().notNull().default(false),
  updatedAt: updatedAt(),
});

/** A type switched on or off, account-wide (connection = ACCOUNT_WIDE) or for one connection. */
export const notificationTypeSettings = pgTable(
  "notification_type_settings",
  {
    accountId: tenantId(),
    connectionId: uuid().notNull().default(ACCOUNT_WIDE),
    type: text().notNull(),
    enabled: boolean().notNull(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.connectionId, t.type] })],
);

export const webhookFormats = ["json", "slack"] as const;

/** Where signed webhook deliveries go; every notification of the account is posted to each enabled one. */
export const notificationWebhooks = pgTable(
  "notification_webhooks",
  {
    id: uuid().primaryKey().defaultRandom(),
    accountId: tenantId(),
    url: text().notNull(),
    format: text({ enum: webhookFormats }).notNull().default("json"),
    /** HMAC key, sealed with the hub's secret box; shown once at creation. */
    secretSealed: text().notNull(),
    /** Off: only custom alerts naming it post to it. */
    allNotifications: boolean().notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [index().on(t.accountId)],
);

export const deliveryChannels = ["email", "webhook"] as const;
export const deliveryStatuses = [
  "pending",
  "sending",
  "sent",
  "failed",
  "not_configured",
  "uncertain",
] as const;
export type DeliveryStatus = (typeof deliveryStatuses)[number];

/**
 * One (notification, channel, recipient) send. The unique key makes a second send for the same
 * cause and recipient impossible; `sending` is committed before the send so a crash in between
 * leaves `uncertain` for a person rather than a silent resend.
 */
export const notificationDeliveries = pgTable(
  "notification_deliveries",
  {
    id: uuid().primaryKey().defaultRandom(),
    accountId: uuid().notNull(),
    notificationId: uuid()
      .notNull()
      .references(() => notifications.id, { onDelete: "cascade" }),
    channel: text({ enum: deliveryChannels }).notNull(),
    /** An e-mail address, or a webhook id. */
    recipient: text().notNull(),
    status: text({ enum: deliveryStatuses }).notNull().default("pending"),
    attempts: integer().notNull().default(0),
    lastError: text(),
    nextAttemptAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    claimedAt: timestamp({ withTimezone: true }),
    sentAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex().on(t.notificationId, t.channel, t.recipient),
    index().on(t.status, t.nextAttemptAt),
    index().on(t.accountId, t.createdAt),
  ],
);

export type CustomAlertRecipients = {
  emails: string[];
  owner: boolean;
  customer: boolean;
  webhookIds: string[];
};

/** A merchant-defined alert: event type, json-logic condition, Liquid message, recipients (R-NOT-5). */
export const customAlerts = pgTable(
  "custom_alerts",
  {
    id: uuid().primaryKey().defaultRandom(),
    accountId: tenantId(),
    name: text().notNull(),
    eventType: text().notNull(),
    condition: jsonb().$type<unknown>(),
    template: text().notNull(),
    recipients: jsonb().$type<CustomAlertRecipients>().notNull(),
    enabled: boolean().notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [index().on(t.accountId, t.eventType)],
);

export const goalMetrics = ["revenue", "orders", "units", "refunds"] as const;
export type GoalMetric = (typeof goalMetrics)[number];
export const goalPeriods = ["day", "week", "month", "quarter", "year"] as const;
export type GoalPeriod = (typeof goalPeriods)[number];

/** A target for a period; reaching it raises "goal achieved" once per period (R-NOT-7). */
export const goals = pgTable(
  "goals",
  {
    id: uuid().primaryKey().defaultRandom(),
    accountId: tenantId(),
    name: text().notNull(),
    metric: text({ enum: goalMetrics }).notNull(),
    period: text({ enum: goalPeriods }).notNull(),
    /** Minor units for revenue and refunds, a count otherwise. */
    amount: bigint({ mode: "number" }).notNull(),
    connectionId: uuid(),
    createdAt: createdAt(),
  },
  (t) => [index().on(t.accountId)],
);

export const countPeriods = ["day", "week", "month"] as const;
export type CountPeriod = (typeof countPeriods)[number];

/** How often the "total orders count" notification covers a connection (default: daily). */
export const ordersCountPeriods = pgTable("orders_count_periods", {
  connectionId: uuid().primaryKey(),
  accountId: tenantId(),
  period: text({ enum: countPeriods }).notNull(),
});
