import { fileURLToPath } from "node:url";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import type { PgliteDatabase } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import pg from "pg";
import { analyzeIfGrown } from "./analyze.ts";
import type { Database } from "./engine.ts";

export const migrationsFolder = fileURLToPath(new URL("../../drizzle", import.meta.url));

// Arbitrary constant: serialises concurrent `stockwire worker` start-ups on one PostgreSQL.
const MIGRATION_LOCK_ID = 728_461_001;

/** Applies the committed drizzle-kit migrations; safe to call from several processes at once. */
export async function migrateDatabase(database: Database): Promise<void> {
  if (database.kind === "embedded") {
    await migratePglite(database.db as unknown as PgliteDatabase<Record<string, never>>, {
      migrationsFolder,
    });
    // A migration that fills or rewrites a table leaves the planner blind until someone analyses
    // it, and nothing else will: PGlite never autovacuums (issue 25 item 2).
    await analyzeIfGrown(database.db);
    return;
  }
  const client = new pg.Client({ connectionString: database.connectionString });
  // A break mid-migration already fails the query in flight, and start-up with a message; unheard,
  // the client's 'error' event would end the process before that message is written.
  client.on("error", () => undefined);
  await client.connect();
  try {
    await client.query("select pg_advisory_lock($1)", [MIGRATION_LOCK_ID]);
    await migratePg(drizzlePg({ client }), { migrationsFolder });
    // Never assume autovacuum: it may be off, and is late after a migration's bulk writes anyway.
    await analyzeIfGrown(database.db);
  } finally {
    await client.query("select pg_advisory_unlock($1)", [MIGRATION_LOCK_ID]).catch(() => undefined);
    await client.end();
  }
}
