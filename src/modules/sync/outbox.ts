import { and, asc, eq, inArray, lte, sql } from "drizzle-orm";
import type { Db } from "../../db/engine.ts";
import { queryRows } from "../../db/rows.ts";
import { chunks, pgArray } from "../../db/sql.ts";
import { listingsOfProducts } from "../catalog/index.ts";
import { listConnections } from "../connections/index.ts";
import { outbox } from "./schema.ts";

/** What a drain needs of a queued row: due rows are read batch after batch, so nothing more. */
const drainColumns = {
  accountId: outbox.accountId,
  connectionId: outbox.connectionId,
  kind: outbox.kind,
  subjectId: outbox.subjectId,
  sku: outbox.sku,
  generation: outbox.generation,
  attempts: outbox.attempts,
};
export type OutboxRow = Pick<typeof outbox.$inferSelect, keyof typeof drainColumns>;

/**
 * Queues stock pushes for every live or shadow connection that lists these products and exports
 * stock. One row per (connection, product): a second change before the push only bumps its
 * generation, so a burst of orders becomes one push of the latest quantity. The listings come from
 * the catalogue and the modes from the connections module; the feeds and the queue are ours.
 */
export async function enqueueStockPushes(
  db: Db,
  accountId: string,
  productIds: string[],
  /** Only this connection's listings (going live); default every connection's. */
  onlyConnectionId?: string,
): Promise<string[]> {
  if (productIds.length === 0) return [];
  const pushing = new Set(
    (await listConnections(db, accountId))
      .filter((c) => c.mode === "live" || c.mode === "shadow")
      .map((c) => c.id),
  );
  if (pushing.size === 0) return [];
  const listed = (await listingsOfProducts(db, accountId, productIds, onlyConnectionId)).filter((l) =>
    pushing.has(l.connectionId),
  );
  if (listed.length === 0) return [];
  const rows = await queryRows<{ connection_id: string }>(
    db,
    sql`insert into outbox (account_id, connection_id, kind, subject_id, sku)
        select ${accountId}::uuid, l.connection_id, 'stock', l.product_id, l.sku
        from unnest(${pgArray(listed.map((l) => l.connectionId))}::uuid[], ${pgArray(listed.map((l) => l.productId))}::text[],
          ${pgArray(listed.map((l) => l.sku))}::text[]) as l(connection_id, product_id, sku)
        join feeds f on f.connection_id = l.connection_id and f.kind = 'stock-export' and f.enabled
        on conflict (connection_id, kind, subject_id)
        do update set generation = outbox.generation + 1, next_attempt_at = least(outbox.next_attempt_at, now())
        returning connection_id`,
  );
  return [...new Set(rows.map((r) => r.connection_id))];
}

/** Queues one push for a connection (stock check corrections, replays). */
export async function enqueueOne(
  db: Db,
  row: {
    accountId: string;
    connectionId: string;
    kind: "stock" | "fulfillment";
    subjectId: string;
    sku?: string | null;
  },
) {
  await db
    .insert(outbox)
    .values({ ...row, sku: row.sku ?? null })
    .onConflictDoUpdate({
      target: [outbox.connectionId, outbox.kind, outbox.subjectId],
      set: { generation: sql`${outbox.generation} + 1`, nextAttemptAt: sql`now()` },
    });
}

export async function dueRows(
  db: Db,
  connectionId: string,
  kind: "stock" | "fulfillment",
  limit: number,
  now = new Date(),
  /** Subjects already in flight, not to be read again. */
  exclude: readonly string[] = [],
): Promise<OutboxRow[]> {
  return db
    .select(drainColumns)
    .from(outbox)
    .where(
      and(
        eq(outbox.connectionId, connectionId),
        eq(outbox.kind, kind),
        lte(outbox.nextAttemptAt, now),
        exclude.length > 0 ? sql`${outbox.subjectId} <> all(${pgArray(exclude)}::text[])` : undefined,
      ),
    )
    .orderBy(asc(outbox.enqueuedAt))
    .limit(limit);
}

/** Deletes rows the platform confirmed, unless they changed while the push was in flight. */
export async function confirmRows(db: Db, rows: OutboxRow[]): Promise<void> {
  for (const chunk of chunks(rows, 1000)) {
    const first = chunk[0];
    if (!first) return;
    // One statement per chunk; rows of one drain share connection and kind. Plain predicates on the
    // primary key, no join: a join over unnest() hashes the connection's whole backlog when the
    // table has no statistics, which neither engine can be trusted to keep (issue 25 item 2).
    await db.execute(sql`delete from outbox o
      where o.connection_id = ${first.connectionId} and o.kind = ${first.kind}
        and o.subject_id = any(${pgArray(chunk.map((r) => r.subjectId))}::text[])
        and (o.subject_id || '/' || o.generation) = any(${pgArray(chunk.map((r) => `${r.subjectId}/${r.generation}`))}::text[])`);
  }
}

/** Puts rows back for later with exponential back-off (1 s, 2 s, 4 s … capped at 10 min). */
export async function deferRows(db: Db, rows: OutboxRow[], error: string, now = new Date()): Promise<void> {
  for (const r of rows) {
    const delay = Math.min(600_000, 1000 * 2 ** Math.min(r.attempts, 10));
    await db
      .update(outbox)
      .set({
        attempts: r.attempts + 1,
        lastError: error.slice(0, 500),
        nextAttemptAt: new Date(now.getTime() + delay),
      })
      .where(
        and(
          eq(outbox.connectionId, r.connectionId),
          eq(outbox.kind, r.kind),
          eq(outbox.subjectId, r.subjectId),
        ),
      );
  }
}

/**
 * Leaves rows for the platform to accept later (a rate limit, an outage the client is backing off
 * from): due again after `delayMs`, with no attempt counted against them.
 */
export async function postponeRows(
  db: Db,
  rows: OutboxRow[],
  delayMs: number,
  reason: string,
  now = new Date(),
): Promise<void> {
  const first = rows[0];
  if (!first) return;
  await db
    .update(outbox)
    .set({ lastError: reason.slice(0, 500), nextAttemptAt: new Date(now.getTime() + delayMs) })
    .where(
      and(
        eq(outbox.connectionId, first.connectionId),
        eq(outbox.kind, first.kind),
        inArray(
          outbox.subjectId,
          rows.map((r) => r.subjectId),
        ),
      ),
    );
}

/** When the connection's next row of these kinds falls due (null when none waits). */
export async function nextDueAt(
  db: Db,
  connectionId: string,
  kinds: ("stock" | "fulfillment")[],
): Promise<Date | null> {
  if (kinds.length === 0) return null;
  const [row] = await db
    .select({ at: sql<string | Date | null>`min(${outbox.nextAttemptAt})` })
    .from(outbox)
    .where(and(eq(outbox.connectionId, connectionId), inArray(outbox.kind, kinds)));
  return row?.at ? new Date(row.at) : null;
}

export async function dropRows(db: Db, rows: OutboxRow[]): Promise<void> {
  for (const r of rows) {
    await db
      .delete(outbox)
      .where(
        and(
          eq(outbox.connectionId, r.connectionId),
          eq(outbox.kind, r.kind),
          eq(outbox.subjectId, r.subjectId),
        ),
      );
  }
}

/** Connections that have work waiting now (the scheduler's safety net for a lost kick). */
export async function connectionsWithDueWork(db: Db, now = new Date()): Promise<string[]> {
  const rows = await db
    .selectDistinct({ connectionId: outbox.connectionId })
    .from(outbox)
    .where(lte(outbox.nextAttemptAt, now))
    .limit(1000);
  return rows.map((r) => r.connectionId);
}

export async function pendingSummary(db: Db, connectionId: string) {
  const [row] = await queryRows<{ count: number; oldest: string | null; retrying: number }>(
    db,
    sql`select count(*)::int as count, min(enqueued_at) as oldest, count(*) filter (where attempts > 0)::int as retrying
        from outbox where connection_id = ${connectionId}`,
  );
  return row ?? { count: 0, oldest: null, retrying: 0 };
}

export async function pendingItems(db: Db, connectionId: string, limit: number) {
  return db
    .select()
    .from(outbox)
    .where(eq(outbox.connectionId, connectionId))
    .orderBy(asc(outbox.enqueuedAt))
    .limit(limit);
}

export async function pendingForConnections(db: Db, connectionIds: string[]) {
  if (connectionIds.length === 0) return [];
  return db.select().from(outbox).where(inArray(outbox.connectionId, connectionIds));
}
