import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import type * as schema from "./schema.ts";

// Apart from engine.ts, so that what engine.ts builds on (pg-transactions.ts) can name the handle
// without importing the engine back.
export type Schema = typeof schema;
/** The Drizzle handle every module receives; a transaction is assignable to it too. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
