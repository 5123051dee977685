// The one Drizzle schema: every module's tables, gathered for drizzle-kit and the query builder.
export * from "../modules/accounts/schema.ts";
export * from "../modules/books/schema.ts";
export * from "../modules/catalog/schema.ts";
export * from "../modules/connections/schema.ts";
export * from "../modules/events/schema.ts";
export * from "../modules/inventory/schema.ts";
export * from "../modules/notifications/schema.ts";
export * from "../modules/orders/schema.ts";
export * from "../modules/planning/schema.ts";
export * from "../modules/suppliers/schema.ts";
export * from "../modules/sync/schema.ts";
export * from "../modules/system/schema.ts";
