import type { AppContext } from "../../context.ts";
import { getConnectionById } from "./connection-lookup.ts";
import { openSession } from "./connections.ts";
import { acquireDrainLease, releaseDrainLease } from "./drain-lease.ts";
import { listFeedsOf } from "./feed-state.ts";
import { drainFulfillments } from "./feeds/shipping-confirmation.ts";
import { drainStock } from "./feeds/stock-export.ts";

export const DRAIN_JOB = "sync.drain";
const DRAIN_SLICE_MS = 30_000;

/**
 * Empties a connection's outbox: stock first, then shipping confirmations. Test-mode connections
 * send nothing (their rows wait for go-live); shadow ones record previews. Returns whether work is
 * left, so the job can queue its own follow-up.
 */
export async function drainConnection(ctx: AppContext, connectionId: string): Promise<{ more: boolean }> {
  const connection = await getConnectionById(ctx.db, connectionId);
  if (!connection || connection.mode === "test") return { more: false };
  const connector = ctx.connectors[connection.platform];
  if (!connector) return { more: false };
  const enabled = new Set(
    (await listFeedsOf(ctx.db, connection.id)).filter((f) => f.enabled).map((f) => f.kind),
  );
  // One drainer per connection across all workers; the others leave the work to it.
  if (!(await acquireDrainLease(ctx.db, connection.id))) return { more: false };
  try {
    return await drainWithLease(ctx, connection, enabled);
  } finally {
    await releaseDrainLease(ctx.db, connection.id);
  }
}

async function drainWithLease(
  ctx: AppContext,
  connection: NonNullable<Awaited<ReturnType<typeof getConnectionById>>>,
  enabled: Set<string>,
): Promise<{ more: boolean }> {
  const connector = ctx.connectors[connection.platform]!;
  const session = openSession(ctx, connection);
  const deadline = Date.now() + DRAIN_SLICE_MS;
  let more = false;
  if (enabled.has("stock-export") && session.writeStock) {
    const r = await drainStock(ctx, connection, session, {
      batchSize: connector.capabilities.maxStockBatch,
      compareAndSet: connector.capabilities.compareAndSet,
      deadline,
    });
    more ||= r.more;
  }
  if (enabled.has("shipping-confirmation") && session.createFulfillment) {
    more ||= (await drainFulfillments(ctx, connection, session, deadline)).more;
  }
  return { more };
}
