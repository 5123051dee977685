import { createHash } from "node:crypto";
import { type ConnectorSession, PlatformDeferred, type StockWrite } from "../../../connectors/contract.ts";
import type { AppContext } from "../../../context.ts";
import { chunks } from "../../../db/sql.ts";
import {
  type ListingWithSku,
  listingsOfConnection,
  markPushed,
  notePlatformQuantity,
} from "../../catalog/index.ts";
import {
  type Connection,
  raiseIssue,
  recordPreviews,
  recordSyncLog,
  resolveIssue,
  resolveIssues,
  type SyncLogEntry,
} from "../../connections/index.ts";
import { channelAvailability } from "../../inventory/index.ts";
import { confirmRows, deferRows, dropRows, dueRows, type OutboxRow, postponeRows } from "../outbox.ts";
import type { RunRecorder } from "../runs.ts";

export type DrainResult = {
  pushed: number;
  previewed: number;
  failed: number;
  deferred: number;
  more: boolean;
  /** The platform cannot take more before this long (rate limit, outage): drain again then. */
  retryAfterMs?: number;
};

const MAX_STALE_ROUNDS = 5;
/**
 * Batches in flight at once. The platform's budget, not the hub, should be the limit: while one
 * batch waits on the network the hub prepares and confirms the others.
 */
const PARALLEL_BATCHES = 4;

/**
 * Pushes queued stock for one connection in the platform's largest batches. Quantities are read
 * when the batch is built — after every order the hub has recorded — and a row is deleted only if
 * it did not change while the push was in flight. Stale compare-and-set answers re-read the
 * platform and go again; retryable failures back off; others become errors for a person. A push
 * the platform client deferred (rate limit, outage) leaves its rows due for when the platform
 * allows, counting no attempt, and ends the drain: the rest would only be deferred too.
 */
export async function drainStock(
  ctx: AppContext,
  connection: Connection,
  session: ConnectorSession,
  options: { batchSize: number; compareAndSet: boolean; deadline: number; recorder?: RunRecorder },
): Promise<DrainResult> {
  const result: DrainResult = { pushed: 0, previewed: 0, failed: 0, deferred: 0, more: false };
  const staleRounds = new Map<string, number>();
  // Batches stay in flight continuously (issue 25 item 2): as soon as one is answered the next is
  // read and sent, rather than waiting for the slowest of a round. Rows in flight are not read again.
  const running = new Set<Promise<void>>();
  const inFlight = new Set<string>();
  // A batch that throws is reported once every batch in flight has settled, as Promise.all would.
  let failure: { error: unknown } | undefined;
  while (Date.now() < options.deadline && result.retryAfterMs === undefined && !failure) {
    const room = PARALLEL_BATCHES - running.size;
    if (room === 0) {
      await Promise.race(running);
      continue;
    }
    const rows = await dueRows(ctx.db, connection.id, "stock", options.batchSize * room, new Date(), [
      ...inFlight,
    ]);
    if (rows.length === 0) {
      if (running.size === 0) return result;
      await Promise.race(running);
      continue;
    }
    const listings = new Map(
      (
        await listingsOfConnection(
          ctx.db,
          connection.id,
          rows.map((r) => r.subjectId),
        )
      ).map((l) => [l.productId, l]),
    );
    const targets = await channelAvailability(
      ctx.db,
      connection.accountId,
      rows.map((r) => r.subjectId),
    );
    const log: SyncLogEntry[] = [];
    const base = { accountId: connection.accountId, connectionId: connection.id, direction: "push" as const };
    const sendable: { row: OutboxRow; listing: ListingWithSku; quantity: number }[] = [];
    const unlisted: OutboxRow[] = [];
    for (const row of rows) {
      const listing = listings.get(row.subjectId);
      if (!listing?.inventoryItemId || !listing.locationId) {
        unlisted.push(row);
        log.push({
          ...base,
          sku: row.sku ?? row.subjectId,
          quantity: null,
          result: "skipped",
          severity: "info",
          reason: "product has no listing with a stock location on this channel",
        });
        continue;
      }
      sendable.push({ row, listing, quantity: Math.max(0, targets.get(row.subjectId) ?? 0) });
    }
    // Logged before the rows go, so a crash in between repeats the note instead of losing it.
    await recordSyncLog(ctx.db, log.splice(0));
    await dropRows(ctx.db, unlisted);
    if (connection.mode === "shadow") {
      await recordPreviews(
        ctx.db,
        connection.accountId,
        connection.id,
        sendable.map((s) => ({
          kind: "stock-export",
          subject: s.listing.sku,
          description: `would set SKU ${s.listing.sku} to ${s.quantity} on ${connection.name}`,
          payload: {
            sku: s.listing.sku,
            quantity: s.quantity,
            inventoryItemId: s.listing.inventoryItemId,
            locationId: s.listing.locationId,
          },
        })),
      );
      for (const s of sendable)
        log.push({
          ...base,
          sku: s.listing.sku,
          quantity: s.quantity,
          result: "skipped",
          severity: "info",
          reason: "shadow mode: recorded as a preview, not sent",
        });
      await confirmRows(
        ctx.db,
        sendable.map((s) => s.row),
      );
      await recordSyncLog(ctx.db, log);
      result.previewed += sendable.length;
      continue;
    }
    for (const chunk of chunks(sendable, options.batchSize)) {
      const ids = chunk.map((s) => s.row.subjectId);
      for (const id of ids) inFlight.add(id);
      const batchLog: SyncLogEntry[] = [];
      const done: Promise<void> = push(
        ctx,
        connection,
        session,
        chunk,
        options,
        result,
        batchLog,
        staleRounds,
      )
        .then(() => recordSyncLog(ctx.db, batchLog))
        .catch((error: unknown) => {
          failure ??= { error };
        })
        .finally(() => {
          running.delete(done);
          for (const id of ids) inFlight.delete(id);
        });
      running.add(done);
    }
  }
  await Promise.all(running);
  if (failure) throw failure.error;
  if (result.retryAfterMs !== undefined) return { ...result, more: true };
  result.more = (await dueRows(ctx.db, connection.id, "stock", 1)).length > 0;
  return result;
}

async function push(
  ctx: AppContext,
  connection: Connection,
  session: ConnectorSession,
  batch: { row: OutboxRow; listing: ListingWithSku; quantity: number }[],
  options: { compareAndSet: boolean; recorder?: RunRecorder },
  result: DrainResult,
  log: SyncLogEntry[],
  staleRounds: Map<string, number>,
): Promise<void> {
  const base = { accountId: connection.accountId, connectionId: connection.id, direction: "push" as const };
  const writes: StockWrite[] = batch.map((s) => ({
    sku: s.listing.sku,
    inventoryItemId: s.listing.inventoryItemId!,
    locationId: s.listing.locationId!,
    quantity: s.quantity,
    compareQuantity: options.compareAndSet ? s.listing.lastPushedQuantity : null,
  }));
  const key = createHash("sha256").update(JSON.stringify(writes)).digest("hex").slice(0, 32);
  let results: Awaited<ReturnType<NonNullable<ConnectorSession["writeStock"]>>>;
  try {
    results = await session.writeStock!(writes, { idempotencyKey: `${connection.id}:${key}` });
  } catch (error) {
    const message = (error as Error).message;
    const rows = batch.map((b) => b.row);
    if (error instanceof PlatformDeferred) {
      await postponeRows(ctx.db, rows, error.retryAfterMs, message);
      result.retryAfterMs = Math.min(result.retryAfterMs ?? error.retryAfterMs, error.retryAfterMs);
      // A rate limit is the platform pacing the hub, not a problem to report; an outage is one.
      if (error.reason === "rate-limit") return;
    } else {
      await deferRows(ctx.db, rows, message);
      result.deferred += batch.length;
    }
    await raiseIssue(ctx.db, {
      accountId: connection.accountId,
      connectionId: connection.id,
      feedKind: "stock-export",
      subjectType: "connection",
      subjectId: connection.id,
      severity: "retry",
      code: "platform_unavailable",
      message: `stock push to ${connection.name} failed: ${message}`,
    });
    await options.recorder?.message("retry", "platform_unavailable", message);
    return;
  }
  await resolveIssue(ctx.db, connection.id, "connection", connection.id, "platform reachable again");
  const bySku = new Map(batch.map((b) => [b.listing.sku, b]));
  const ok: typeof batch = [];
  for (const r of results) {
    const item = bySku.get(r.sku);
    if (!item) continue;
    if (r.status === "ok") {
      ok.push(item);
      log.push({ ...base, sku: r.sku, quantity: r.quantity, result: "ok" });
    } else if (r.status === "stale") {
      // Someone changed the platform since our last push: learn its value and try again at once.
      const rounds = (staleRounds.get(r.sku) ?? 0) + 1;
      staleRounds.set(r.sku, rounds);
      if (r.actualQuantity !== null)
        await notePlatformQuantity(ctx.db, connection.id, item.listing.productId, r.actualQuantity);
      if (rounds >= MAX_STALE_ROUNDS) await deferRows(ctx.db, [item.row], r.message);
      log.push({
        ...base,
        sku: r.sku,
        quantity: item.quantity,
        result: "skipped",
        severity: "retry",
        reason: `platform quantity changed under us (${r.message}); re-reading and retrying`,
      });
    } else if (r.retryable) {
      await deferRows(ctx.db, [item.row], r.message);
      result.deferred += 1;
      log.push({
        ...base,
        sku: r.sku,
        quantity: item.quantity,
        result: "failed",
        severity: "retry",
        reason: r.message,
      });
    } else {
      await dropRows(ctx.db, [item.row]);
      await raiseIssue(ctx.db, {
        accountId: connection.accountId,
        connectionId: connection.id,
        feedKind: "stock-export",
        subjectType: "sku",
        subjectId: r.sku,
        severity: "error",
        code: "push_failed",
        message: `Getting error while synchronizing this product "${r.sku}": ${r.message}`,
      });
      result.failed += 1;
      options.recorder?.count("failed");
      log.push({
        ...base,
        sku: r.sku,
        quantity: item.quantity,
        result: "failed",
        severity: "error",
        reason: r.message,
      });
    }
  }
  await markPushed(
    ctx.db,
    connection.id,
    ok.map((o) => ({ productId: o.listing.productId, quantity: o.quantity })),
  );
  await confirmRows(
    ctx.db,
    ok.map((o) => o.row),
  );
  await resolveIssues(
    ctx.db,
    connection.id,
    "sku",
    ok.map((o) => o.listing.sku),
    "pushed",
  );
  result.pushed += ok.length;
  options.recorder?.count("updated", ok.length);
}
