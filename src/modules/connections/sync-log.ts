import { and, desc, eq, getTableColumns, gte, lte, sql } from "drizzle-orm";
import type { Db } from "../../db/engine.ts";
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
  if (entries.length === 0) return;
  // One row per (connection, sku, direction) in a statement: keep the last entry for each.
  const latest = [...new Map(entries.map((e) => [`${e.connectionId}/${e.sku}/${e.direction}`, e])).values()];
  const rows = latest.map((e) => ({
    account_id: e.accountId,
    connection_id: e.connectionId,
    sku: e.sku,
    direction: e.direction,
    quantity: e.quantity,
    result: e.result,
    severity: e.severity ?? null,
    reason: e.reason ?? null,
  }));
  // One statement and one parameter for a whole drain batch (issue 25 item 2): a multi-row VALUES
  // of nine parameters per entry costs PGlite's parser more than the write itself.
  await db.execute(sql`insert into sync_log (account_id, connection_id, sku, direction, quantity, result, severity, reason, at)
    select e.account_id, e.connection_id, e.sku, e.direction, e.quantity, e.result, e.severity, e.reason, now()
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as e(account_id uuid, connection_id uuid, sku text,
      direction text, quantity int, result text, severity text, reason text)
    on conflict (connection_id, sku, direction) do update set quantity = excluded.quantity,
      result = excluded.result, severity = excluded.severity, reason = excluded.reason, at = excluded.at`);
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
    /** Where the previous page ended (its last row's `atMicros` and key); the first page without. */
    after?: SyncLogPosition;
  },
) {
  const after = f.after;
  return db
    .select({
      ...getTableColumns(syncLog),
      // The position at full precision, for the next page's cursor.
      atMicros: sql<number>`(extract(epoch from ${syncLog.at}) * 1000000)::bigint`.mapWith(Number),
    })
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
        after
          ? sql`(${syncLog.at}, ${syncLog.connectionId}, ${syncLog.direction}, ${syncLog.sku}) <
              (timestamptz 'epoch' + ${after.atMicros} * interval '1 microsecond', ${after.connectionId}::uuid,
               ${after.direction}, ${after.sku})`
          : undefined,
      ),
    )
    .orderBy(desc(syncLog.at), desc(syncLog.connectionId), desc(syncLog.direction), desc(syncLog.sku))
    .limit(f.limit + 1);
}

/** A row's place in the sync log's newest-first order (a keyset cursor's content). */
export type SyncLogPosition = {
  atMicros: number;
  connectionId: string;
  direction: "push" | "pull";
  sku: string;
};
