import { integer, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { tenantId, updatedAt } from "../../db/columns.ts";

/** Stands for "every channel" where a connection id is part of a key. */
export const ALL_CHANNELS = "00000000-0000-0000-0000-000000000000";

/** Planner settings per connection (R-INV-5); the ALL_CHANNELS row is the account default. */
export const planningSettings = pgTable(
  "planning_settings",
  {
    accountId: tenantId(),
    connectionId: uuid().notNull().default(ALL_CHANNELS),
    reportDays: integer().notNull().default(90),
    overstockDays: integer().notNull().default(100),
    understockDays: integer().notNull().default(7),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.connectionId] })],
);

export const planStatuses = ["ok", "understock", "overstock"] as const;
export type PlanStatus = (typeof planStatuses)[number];

/** The last status the nightly check saw per product and scope, so alerts fire on changes only. */
export const planStates = pgTable(
  "plan_states",
  {
    accountId: tenantId(),
    connectionId: uuid().notNull().default(ALL_CHANNELS),
    productId: uuid().notNull(),
    status: text({ enum: planStatuses }).notNull(),
    changedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.connectionId, t.productId] })],
);
