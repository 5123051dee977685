import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../../db/engine.ts";
import { queryRows } from "../../db/rows.ts";
import { chunks, pgArray } from "../../db/sql.ts";
import { inTransaction } from "../../db/tx.ts";
import type { DomainEvent, NewEvent } from "./define-event.ts";
import { eventCursors, events } from "./schema.ts";

export type { DomainEvent } from "./define-event.ts";

/**
 * Appends events inside the caller's transaction, so they exist exactly when the change does.
 * Each is made by its definition's `of`, which types the payload.
 */
export async function appendEvents(tx: Db, input: readonly NewEvent[]): Promise<void> {
  if (input.length === 0) return;
  for (const chunk of chunks(input, 1000)) {
    await tx.insert(events).values(
      chunk.map((e) => ({
        accountId: e.accountId,
        type: e.type,
        subject: e.subject,
        payload: e.payload,
      })),
    );
  }
}

/**
 * The next events after the consumer's cursor, from transactions that have all finished. Events of
 * a transaction still running (which may hold lower ids) wait until it ends, so none is skipped.
 */
export async function readEvents(
  db: Db,
  consumer: string,
  options: { types?: string[]; limit?: number } = {},
): Promise<DomainEvent[]> {
  const [cursor] = await db.select().from(eventCursors).where(eq(eventCursors.consumer, consumer));
  const after = { txid: cursor?.txid ?? 0, id: cursor?.eventId ?? 0 };
  const typeFilter = options.types?.length ? sql`and type = any(${pgArray(options.types)}::text[])` : sql``;
  const rows = await queryRows<{
    id: string | number;
    txid: string | number;
    account_id: string;
    type: string;
    subject: string | null;
    payload: Record<string, unknown>;
    created_at: string | Date;
  }>(
    db,
    sql`select id, txid, account_id, type, subject, payload, created_at from events
        where (txid, id) > (${after.txid}, ${after.id})
          and txid < pg_snapshot_xmin(pg_current_snapshot())::text::bigint
          ${typeFilter}
        order by txid, id limit ${options.limit ?? 500}`,
  );
  return rows.map((r) => ({
    id: Number(r.id),
    txid: Number(r.txid),
    accountId: r.account_id,
    type: r.type,
    subject: r.subject,
    payload: r.payload,
    createdAt: new Date(r.created_at),
  }));
}

/** Moves the consumer's cursor past `last` (call in the same transaction as the consumer's writes). */
export async function advanceCursor(
  tx: Db,
  consumer: string,
  last: { txid: number; id: number },
): Promise<void> {
  await tx
    .insert(eventCursors)
    .values({ consumer, txid: last.txid, eventId: last.id })
    .onConflictDoUpdate({
      target: eventCursors.consumer,
      set: { txid: last.txid, eventId: last.id, updatedAt: new Date() },
    });
}

/**
 * Reads a batch, hands it to `handle` inside one transaction with the cursor move, and returns how
 * many events it consumed. A handler that throws leaves the cursor where it was.
 */
export async function consumeEvents(
  db: Db,
  consumer: string,
  handle: (tx: Db, batch: DomainEvent[]) => Promise<void>,
  options: { types?: string[]; limit?: number } = {},
): Promise<number> {
  return inTransaction(db, async (tx) => {
    // One drain per consumer at a time; a second process skips instead of queueing behind it.
    await tx.insert(eventCursors).values({ consumer }).onConflictDoNothing();
    const locked = await queryRows(
      tx,
      sql`select 1 from event_cursors where consumer = ${consumer} for update skip locked`,
    );
    if (locked.length === 0) return 0;
    const batch = await readEvents(tx, consumer, options);
    const last = batch.at(-1);
    if (!last) return 0;
    await handle(tx, batch);
    await advanceCursor(tx, consumer, last);
    return batch.length;
  });
}

export async function listEvents(
  db: Db,
  accountId: string,
  options: { types?: string[]; subject?: string; afterId?: number; limit: number },
) {
  return db
    .select()
    .from(events)
    .where(
      and(
        eq(events.accountId, accountId),
        options.types?.length ? inArray(events.type, options.types) : undefined,
        options.subject ? eq(events.subject, options.subject) : undefined,
        options.afterId ? sql`${events.id} < ${options.afterId}` : undefined,
      ),
    )
    .orderBy(sql`${events.id} desc`)
    .limit(options.limit + 1);
}

/**
 * Events after the consumer's cursor, including those not yet readable because an older
 * transaction (anywhere in the cluster) is still open. Lets callers wait until a consumer caught up.
 */
export async function unreadEventCount(db: Db, consumer: string, types?: string[]): Promise<number> {
  const [cursor] = await db.select().from(eventCursors).where(eq(eventCursors.consumer, consumer));
  const typeFilter = types?.length ? sql`and type = any(${pgArray(types)}::text[])` : sql``;
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from events where (txid, id) > (${cursor?.txid ?? 0}, ${cursor?.eventId ?? 0}) ${typeFilter}`,
  );
  return row?.n ?? 0;
}

/**
 * Repeats `round` (a consumer's read) until every event written so far has been read, or the
 * time is up. Events of transactions still open anywhere in the cluster are not readable yet;
 * this is how a caller that needs its own writes consumed waits for them.
 */
export async function consumeUntilCaughtUp(
  db: Db,
  consumer: string,
  round: () => Promise<number>,
  options: { types?: string[]; timeoutMs?: number } = {},
): Promise<number> {
  const deadline = Date.now() + (options.timeoutMs ?? 5_000);
  let total = 0;
  for (;;) {
    total += await round();
    if ((await unreadEventCount(db, consumer, options.types)) === 0 || Date.now() > deadline) return total;
    await new Promise((r) => setTimeout(r, 20));
  }
}
