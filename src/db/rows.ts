import type { SQL } from "drizzle-orm";
import type { Db } from "./engine.ts";

/** Runs raw SQL and returns its rows on either engine (pg and PGlite both answer `{ rows }`). */
export async function queryRows<T extends Record<string, unknown>>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
