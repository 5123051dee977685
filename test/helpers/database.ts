import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { inject } from "vitest";
import { type Database, openDatabase } from "../../src/db/engine.ts";
import { adminQuery, databaseUrlFor } from "./template.ts";

export const onPostgres = Boolean(process.env.DATABASE_URL);

/**
 * A fresh, migrated database for one test file: a PGlite copy of the run's template, or a new
 * PostgreSQL database cloned from the template when DATABASE_URL is set. `close` drops it.
 */
export async function freshDatabase(): Promise<Database & { url?: string }> {
  const base = process.env.DATABASE_URL;
  if (base) {
    const name = `stockwire_t_${randomBytes(6).toString("hex")}`;
    await adminQuery(base, `create database ${name} template ${inject("postgresTemplate")}`);
    const url = databaseUrlFor(base, name);
    const database = await openDatabase({ kind: "postgres", url, poolSize: 20 });
    return {
      ...database,
      url,
      close: async () => {
        await database.close();
        await adminQuery(base, `drop database if exists ${name} with (force)`);
      },
    };
  }
  const dump = readFileSync(inject("pgliteTemplate"));
  const client = new PGlite({ loadDataDir: new Blob([dump]) });
  await client.waitReady;
  return openDatabase({ kind: "embedded", client });
}
