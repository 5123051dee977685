import { mkdtempSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import pg from "pg";
import { type Database, openDatabase } from "../src/db/engine.ts";
import { migrateDatabase } from "../src/db/migrate.ts";
import { queryRows } from "../src/db/rows.ts";
import type { BenchPlatform } from "./channel-sandbox.ts";

export type Engine = "embedded" | "postgres";

export type BenchContext = {
  engine: Engine;
  smoke: boolean;
  /** The platform measured (`--platform`; Shopify unless the benchmark lists others). */
  platform: BenchPlatform;
  /** A fresh, migrated database for this run; dropped afterwards. */
  database: Database;
  log: (message: string) => void;
};

export type BenchResult = {
  /** Parameters the run used (sizes, plan…). */
  parameters: Record<string, unknown>;
  /** Measured figures; ratios and their bounds sit side by side. */
  figures: Record<string, unknown>;
  /** One line for the summary table. */
  headline: string;
};

export type Benchmark = {
  name: string;
  description: string;
  engines: Engine[];
  /** The platforms `--platform` may name; Shopify only when absent. */
  platforms?: BenchPlatform[];
  run(ctx: BenchContext): Promise<BenchResult>;
};

export function machine() {
  return {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? "unknown",
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    platform: process.platform,
  };
}

/** The 1, 5 and 15-minute load averages: other work on the machine skews every figure. */
export function loadAverage(): number[] {
  return loadavg().map((l) => Math.round(l * 100) / 100);
}

/**
 * PostgreSQL's `autovacuum` setting: with it off (as on some servers) nothing refreshes the
 * planner's statistics but the hub itself. "n/a" on the embedded engine, which never runs it.
 */
export async function autovacuumSetting(database: Database): Promise<string> {
  if (database.kind === "embedded") return "n/a";
  const [row] = await queryRows<{ autovacuum: string }>(database.db, sql`show autovacuum`);
  return row?.autovacuum ?? "unknown";
}

/** Opens a throwaway database on the chosen engine and removes it when `work` ends. */
export async function withBenchDatabase<T>(
  engine: Engine,
  work: (database: Database) => Promise<T>,
): Promise<T> {
  if (engine === "embedded") {
    const dir = mkdtempSync(join(tmpdir(), "stockwire-bench-"));
    const database = await openDatabase({ kind: "embedded", dataDir: dir });
    try {
      await migrateDatabase(database);
      return await work(database);
    } finally {
      await database.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const base = process.env.DATABASE_URL;
  if (!base) throw new Error("the postgres engine needs DATABASE_URL");
  const name = `stockwire_bench_${process.pid}_${Date.now()}`;
  const admin = async (text: string) => {
    const url = new URL(base);
    url.pathname = "/postgres";
    const client = new pg.Client({ connectionString: url.toString() });
    await client.connect();
    await client.query(text).finally(() => client.end());
  };
  await admin(`create database ${name}`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  const database = await openDatabase({ kind: "postgres", url: url.toString(), poolSize: 20 });
  try {
    await migrateDatabase(database);
    return await work(database);
  } finally {
    await database.close();
    await admin(`drop database if exists ${name} with (force)`);
  }
}

/** Samples resident memory while `work` runs and returns the peak in MiB. */
export function rssSampler() {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 100);
  return {
    now: () => Math.round(process.memoryUsage.rss() / 2 ** 20),
    stop: () => {
      clearInterval(timer);
      peak = Math.max(peak, process.memoryUsage.rss());
      return Math.round(peak / 2 ** 20);
    },
  };
}
