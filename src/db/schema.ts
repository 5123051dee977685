// The one Drizzle schema: every module's tables, gathered for drizzle-kit and the query builder.
export * from "../modules/accounts/schema.ts";
export * from "../modules/system/schema.ts";
