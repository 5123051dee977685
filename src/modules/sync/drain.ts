import type { AppContext } from "../../context.ts";
import { getConnectionById } from "./connection-lookup.ts";
import { openSession } from "./connections.ts";
import { acquireDrainLease, releaseDrainLease } from "./drain-lease.ts";
import { listFeedsOf } from "./feed-state.ts";
import { drainFulfillments } from "./feeds/shipping-confirmation.ts";
import { drainStock } from "./feeds/stock-export.ts";
import { dueRows } from "./outbox.ts";

export const DRAIN_JOB = "sync.drain";
const DRAIN_SLICE_MS = 30_000;

/** How long a drain that found another worker's lease waits before it looks again. */
export const LEASE_BUSY_RETRY_MS = 1_000;

export type DrainOutcome = {
  /** Work is left (or arrived while the lease was being let go): the caller should drain again. */
  more: boolean;
  /** Drain again only after this long (another worker holds the lease). */
  retryAfterMs?: number;
};

/** Drains running in this process, by connection: a second caller waits its turn. */
const inProcess = new Map<string, Promise<DrainOutcome>>();

/**
 * Empties a connection's outbox: stock first, then shipping confirmations. Test-mode connections
 * send nothing (their rows wait for go-live); shadow ones record previews. Returns whether work is
 * left, so the job can queue its own follow-up. Within a process, calls for one connection run one
 * after another (the lease's holder is the process, so it cannot keep two of its own drains apart).
 */
export async function drainConnection(ctx: AppContext, connectionId: string): Promise<DrainOutcome> {
  const before = inProcess.get(connectionId);
  const mine = (before ?? Promise.resolve()).catch(() => undefined).then(() => drainOnce(ctx, connectionId));
  inProcess.set(connectionId, mine);
  try {
    return await mine;
  } finally {
    if (inProcess.get(connectionId) === mine) inProcess.delete(connectionId);
  }
}

async function drainOnce(ctx: AppContext, connectionId: string): Promise<DrainOutcome> {
  const connection = await getConnectionById(ctx.db, connectionId);
  if (!connection || connection.mode === "test") return { more: false };
  const connector = ctx.connectors[connection.platform];
  if (!connector) return { more: false };
  const enabled = new Set(
    (await listFeedsOf(ctx.db, connection.id)).filter((f) => f.enabled).map((f) => f.kind),
  );
  // One drainer per connection across all workers. The holder may be finishing just as this work
  // arrived, so the work is looked at again shortly rather than left for the minute tick.
  if (!(await acquireDrainLease(ctx.db, connection.id)))
    return { more: true, retryAfterMs: LEASE_BUSY_RETRY_MS };
  let outcome: { more: boolean; kinds: ("stock" | "fulfillment")[] };
  try {
    outcome = await drainWithLease(ctx, connection, enabled);
  } finally {
    await releaseDrainLease(ctx.db, connection.id);
  }
  if (outcome.more) return { more: true };
  // A row queued after the last empty read, whose kick found the lease still held, is ours to take.
  for (const kind of outcome.kinds) {
    if ((await dueRows(ctx.db, connection.id, kind, 1)).length > 0) return { more: true };
  }
  return { more: false };
}

async function drainWithLease(
  ctx: AppContext,
  connection: NonNullable<Awaited<ReturnType<typeof getConnectionById>>>,
  enabled: Set<string>,
): Promise<{ more: boolean; kinds: ("stock" | "fulfillment")[] }> {
  const connector = ctx.connectors[connection.platform]!;
  const session = openSession(ctx, connection);
  const deadline = Date.now() + DRAIN_SLICE_MS;
  let more = false;
  const kinds: ("stock" | "fulfillment")[] = [];
  if (enabled.has("stock-export") && session.writeStock) {
    kinds.push("stock");
    const r = await drainStock(ctx, connection, session, {
      batchSize: connector.capabilities.maxStockBatch,
      compareAndSet: connector.capabilities.compareAndSet,
      deadline,
    });
    more ||= r.more;
  }
  if (enabled.has("shipping-confirmation") && session.createFulfillment) {
    kinds.push("fulfillment");
    more ||= (await drainFulfillments(ctx, connection, session, deadline)).more;
  }
  return { more, kinds };
}
