import { timestamp, uuid } from "drizzle-orm/pg-core";
import { accounts } from "../modules/accounts/schema.ts";

/**
 * Column definitions that repeat across the module schemas, so every tenant-owned table and every
 * row's timestamps have one shape. Changing one changes the generated SQL of many tables.
 */

/** `account_id uuid not null`, referencing `accounts(id)` and deleted with the account. */
export function tenantId() {
  return uuid()
    .notNull()
    .references(() => accounts.id, { onDelete: "cascade" });
}

/** `created_at timestamptz not null default now()`. */
export function createdAt() {
  return timestamp({ withTimezone: true }).notNull().defaultNow();
}

/** `updated_at timestamptz not null default now()`; writers set it themselves on update. */
export function updatedAt() {
  return timestamp({ withTimezone: true }).notNull().defaultNow();
}

/** `created_at` and `updated_at`, for a table's column object: `...timestamps()`. */
export function timestamps() {
  return { createdAt: createdAt(), updatedAt: updatedAt() };
}
