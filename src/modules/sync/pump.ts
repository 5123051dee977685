import type { AppContext } from "../../context.ts";
import type { Db } from "../../db/engine.ts";
import { startPoller } from "../../queue/poller.ts";
import { getConnectionById } from "../connections/index.ts";
import { consumeEvents, consumeUntilCaughtUp, unreadEventCount } from "../events/index.ts";
import { stockChanged } from "../inventory/index.ts";
import { shipmentCreated } from "../orders/index.ts";
import { DRAIN_JOB } from "./drain.ts";
import { feedOf } from "./feeds.ts";
import { kickConnection } from "./lanes.ts";
import { enqueueOne, enqueueStockPushes } from "./outbox.ts";

export const PUMP_CONSUMER = "sync.outbox";

/**
 * Turns domain events into outbound work: stock changes into stock pushes for every channel that
 * lists the SKU, and hub shipments into shipping confirmations for the order's channel. Runs in
 * each worker process on a short interval; the event cursor lock makes concurrent pumps safe.
 * `owed` holds connections whose drain kick failed after the outbox rows committed (the database
 * went away in between); they are kicked again first thing, rather than at the next minute tick.
 */
export async function pumpOnce(ctx: AppContext, owed = new Set<string>()): Promise<number> {
  await kickOwed(ctx, owed);
  const kicked = new Set<string>();
  const consumed = await consumeEvents(
    ctx.db,
    PUMP_CONSUMER,
    async (tx, batch) => {
      const byAccount = new Map<string, Set<string>>();
      for (const e of batch) {
        if (stockChanged.is(e)) {
          const set = byAccount.get(e.accountId) ?? new Set<string>();
          set.add(e.payload.productId);
          byAccount.set(e.accountId, set);
        } else if (shipmentCreated.is(e) && e.payload.connectionId) {
          const target = await fulfillmentTarget(tx, e.payload.connectionId);
          if (target) {
            await enqueueOne(tx, {
              accountId: e.accountId,
              connectionId: target,
              kind: "fulfillment",
              subjectId: e.payload.shipmentId,
            });
            kicked.add(target);
          }
        }
      }
      for (const [accountId, products] of byAccount) {
        for (const id of await enqueueStockPushes(tx, accountId, [...products])) kicked.add(id);
      }
    },
    { types: PUMP_TYPES, limit: 1000 },
  ).finally(() => {
    // Also when the commit's answer was lost: the rows may be in, and a spare kick is an empty drain.
    for (const connectionId of kicked) owed.add(connectionId);
  });
  await kickOwed(ctx, owed);
  return consumed;
}

async function kickOwed(ctx: AppContext, owed: Set<string>): Promise<void> {
  for (const connectionId of [...owed]) {
    await kickDrain(ctx, connectionId);
    owed.delete(connectionId);
  }
}

/** The shipment's channel, when it sends shipping confirmations (live or shadow, feed enabled). */
async function fulfillmentTarget(tx: Db, connectionId: string): Promise<string | undefined> {
  const connection = await getConnectionById(tx, connectionId);
  if (!connection || connection.mode === "test") return undefined;
  const feed = await feedOf(tx, connectionId, "shipping-confirmation");
  return feed?.enabled ? connection.id : undefined;
}

const PUMP_TYPES = [stockChanged.type, shipmentCreated.type];

/** Pumps until every event written so far is consumed (tests, and callers that need read-your-writes). */
export async function pumpUntilIdle(ctx: AppContext, timeoutMs = 10_000): Promise<void> {
  await consumeUntilCaughtUp(ctx.db, PUMP_CONSUMER, () => pumpOnce(ctx), { types: PUMP_TYPES, timeoutMs });
  if ((await unreadEventCount(ctx.db, PUMP_CONSUMER, PUMP_TYPES)) > 0) {
    throw new Error("events stayed unreadable: a transaction is holding them back");
  }
}

/** Queues a drain of the connection now or after `delayMs` (kickConnection: one waits of each). */
export async function kickDrain(ctx: AppContext, connectionId: string, delayMs?: number): Promise<void> {
  await kickConnection(ctx, DRAIN_JOB, connectionId, delayMs);
}

/** Polls for new events until stopped; returns the stop function. */
export function startPump(ctx: AppContext, intervalMs = 250): () => Promise<void> {
  const owed = new Set<string>();
  const pumps = ctx.sync.pumps;
  const poller = startPoller("event pump", () => pumpOnce(ctx, owed), { intervalMs, logger: ctx.logger });
  pumps.add(poller.nudge);
  return async () => {
    pumps.delete(poller.nudge);
    await poller.stop();
  };
}

/** A change that may have moved stock just committed here: pump now rather than at the next interval. */
export function nudgePumps(ctx: AppContext): void {
  for (const nudge of ctx.sync.pumps) nudge();
}
