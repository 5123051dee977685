import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import PgBoss from "pg-boss";
import { type Database, openDatabase } from "../../src/db/engine.ts";
import { migrateDatabase } from "../../src/db/migrate.ts";

/** Migrates a database and installs pg-boss's schema, so each test file's copy starts ready. */
export async function prepare(database: Database): Promise<void> {
  await migrateDatabase(database);
  const boss = new PgBoss(
    database.kind === "postgres"
      ? { connectionString: database.connectionString!, schema: "pgboss", supervise: false, schedule: false }
      : { db: { executeSql: database.executeSql }, schema: "pgboss", supervise: false, schedule: false },
  );
  await boss.start();
  await boss.stop({ graceful: false, wait: true });
}

export async function buildPgliteTemplate(): Promise<Blob> {
  const client = new PGlite();
  await client.waitReady;
  await prepare(await openDatabase({ kind: "embedded", client }));
  const dump = await client.dumpDataDir("none");
  await client.close();
  return dump;
}

export function databaseUrlFor(base: string, name: string): string {
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function adminQuery(base: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrlFor(base, "postgres") });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}
