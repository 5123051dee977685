import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import type pg from "pg";
import { secureDataDir, tightenTree } from "./data-dir.ts";
import type { Db } from "./db-type.ts";
import { createPool, pingPool } from "./pg-pool.ts";
import { ownConnectionTransactions } from "./pg-transactions.ts";
import * as schema from "./schema.ts";

export type { Db, Schema } from "./db-type.ts";
export type EngineKind = "embedded" | "postgres";

/** Raw SQL access pg-boss needs (text + positional values, multi-statement scripts allowed). */
export type SqlExecutor = (text: string, values?: unknown[]) => Promise<{ rows: Record<string, unknown>[] }>;

export type Database = {
  kind: EngineKind;
  db: Db;
  executeSql: SqlExecutor;
  /** For pg-boss on PostgreSQL: its own pool from the same URL. */
  connectionString: string | undefined;
  /** `select 1` that fails after `timeoutMs` instead of waiting on a silent server. */
  ping(timeoutMs: number): Promise<void>;
  close(): Promise<void>;
};

export type OpenOptions =
  | { kind: "embedded"; dataDir: string }
  | { kind: "embedded"; client: PGlite }
  | { kind: "postgres"; url: string; poolSize?: number };

export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.kind === "postgres") return openPostgres(options.url, options.poolSize ?? 10);
  if ("client" in options) return wrapPglite(options.client);
  const dir = resolve(secureDataDir(options.dataDir), "pgdata");
  const client = await openPglite(dir);
  return keepPrivate(wrapPglite(client), dir);
}

async function openPglite(dir: string): Promise<PGlite> {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  tightenTree(dir);
  const client = new PGlite(dir);
  await client.waitReady;
  tightenTree(dir);
  return client;
}

/** How often files PGlite created meanwhile (0666, whatever the umask) are brought to 0600. */
const TIGHTEN_EVERY_MS = 5 * 60_000;

function keepPrivate(database: Database, dir: string): Database {
  const timer = setInterval(() => tightenTree(dir), TIGHTEN_EVERY_MS);
  timer.unref();
  return {
    ...database,
    close: async () => {
      clearInterval(timer);
      await database.close();
      tightenTree(dir);
    },
  };
}

function wrapPglite(client: PGlite): Database {
  const db = drizzlePglite({ client, schema, casing: "snake_case" }) as unknown as Db;
  return {
    kind: "embedded",
    db,
    connectionString: undefined,
    // pg-boss sends multi-statement scripts without parameters: those must go through exec.
    executeSql: async (text, values) => {
      if (values && values.length > 0) {
        const res = await client.query<Record<string, unknown>>(text, values);
        return { rows: res.rows };
      }
      const results = await client.exec(text);
      return { rows: (results.at(-1)?.rows ?? []) as Record<string, unknown>[] };
    },
    // In-process: there is no network to stall, so no timeout to apply.
    ping: async () => {
      await client.query("select 1");
    },
    close: async () => {
      if (!client.closed) await client.close();
    },
  };
}

async function openPostgres(url: string, poolSize: number): Promise<Database> {
  // A connection killed by the server (restart, failover) or the network must not end the
  // process: the pool drops it and the next query opens a new one; queries in flight fail, and
  // their callers retry (see docs/operations.md, "Database outages").
  const pool = createPool({ connectionString: url, max: poolSize }, (error) => {
    process.emitWarning(`PostgreSQL connection lost: ${error.message}`, "StockwireDatabase");
  });
  // A wrong URL must fail at start-up, not on the first request.
  const probe = await pool.connect().catch(async (error: Error) => {
    await pool.end();
    throw new Error(`Cannot connect to DATABASE_URL (${redactUrl(url)}): ${error.message}`);
  });
  probe.release();
  const db = drizzleOnPool(pool);
  return {
    kind: "postgres",
    db,
    connectionString: url,
    executeSql: async (text, values) => {
      const res = await pool.query(text, values as unknown[] | undefined);
      return { rows: res.rows };
    },
    ping: (timeoutMs) => pingPool(pool, timeoutMs),
    close: () => pool.end(),
  };
}

/** The hub's Drizzle handle on a PostgreSQL pool, with transactions that always return their connection. */
export function drizzleOnPool(pool: pg.Pool): Db {
  const db = drizzlePg({ client: pool, schema, casing: "snake_case" }) as unknown as Db;
  ownConnectionTransactions(
    db,
    pool,
    (client) => drizzlePg({ client, schema, casing: "snake_case" }) as unknown as Db,
  );
  return db;
}

export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "<unparseable>";
  }
}
