import { and, desc, eq, gte, lte, sql } from "drizzle-orm";
import type { Db } from "../../db/engine.ts";
import { chunks } from "../../db/sql.ts";
import { type Severity, syncLog } from "./schema.ts";

export type SyncLogEntry = {
  accountId: string;
  connectionId: string;
  sku: string;
  direction: "push" | "pull";
  quantity: number | null;
  result: "ok" | "failed" | "skipped";
  severity?: Severity | null;
  reason?: string | null;
};

/** Keeps the latest push and pull per SKU and connection (R-SYNC-5). */
export async function recordSyncLog(db: Db, entries: SyncLogEntry[]): Promise<void> {
  for (const chunk of chunks(entries, 500)) {
    // One row per (connection, sku, direction) in a statement: keep the last entry for each.
    const latest = [...new Map(chunk.map((e) => [`${e.connectionId}/${e.sku}/${e.direction}`, e])).values()];
    await db
      .insert(syncLog)
      .values(
        latest.map((e) => ({ ...e, severity: e.severity ?? null, reason: e.reason ?? null, at: new Date() })),
      )
      .onConflictDoUpdate({
        target: [syncLog.connectionId, syncLog.sku, syncLog.direction],
        set: {
          quantity: syncLogExcluded("quantity"),
          result: syncLogExcluded("result"),
          severity: syncLogExcluded("severity"),
          reason: syncLogExcluded("reason"),
          at: syncLogExcluded("at"),
        },
      });
  }
}

function syncLogExcluded(column: string) {
  return sql.raw(`excluded.${column}`);
}

export async function listSyncLog(
  db: Db,
  accountId: string,
  f: {
    connectionId?: string;
    sku?: string;
    result?: "ok" | "failed" | "skipped";
    severity?: Severity;
    from?: Date;
    to?: Date;
    limit: number;
    offset: number;
  },
) {
  return db
    .select()
    .from(syncLog)
    .where(
      and(
        eq(syncLog.accountId, accountId),
        f.connectionId ? eq(syncLog.connectionId, f.connectionId) : undefined,
        f.sku ? eq(syncLog.sku, f.sku) : undefined,
        f.result ? eq(syncLog.result, f.result) : undefined,
        f.severity ? eq(syncLog.severity, f.severity) : undefined,
        f.from ? gte(syncLog.at, f.from) : undefined,
        f.to ? lte(syncLog.at, f.to) : undefined,
      ),
    )
    .orderBy(desc(syncLog.at))
    .limit(f.limit + 1)
    .offset(f.offset);
}
