import type { AppContext } from "../../context.ts";
import { startPoller } from "../../queue/poller.ts";
import { consumeUntilCaughtUp } from "../events/index.ts";
import { BOOKS_CONSUMER, BOOKS_EVENT_TYPES, queueFromEvents } from "./consumer.ts";
import { pendingPostingIds } from "./ledger.ts";
import { postOne } from "./poster.ts";

/** One round: queue rows for new events, then post the pending ones. Returns the work done. */
export async function postPendingOnce(ctx: AppContext): Promise<number> {
  // Only the types this consumer reads: other events after them would never count as read.
  const queued = await consumeUntilCaughtUp(ctx.db, BOOKS_CONSUMER, () => queueFromEvents(ctx), {
    types: BOOKS_EVENT_TYPES,
  });
  const ids = await pendingPostingIds(ctx.db);
  let posted = 0;
  for (const id of ids) if ((await postOne(ctx, id)) !== "blocked") posted += 1;
  return queued + posted;
}

/**
 * Polls in each worker process, like the notifier: individual sales and refunds should reach the
 * books within seconds. Claims on the ledger rows make concurrent posters safe.
 */
export function startBooksPoster(ctx: AppContext, intervalMs = 1000): () => Promise<void> {
  return startPoller("books poster", () => postPendingOnce(ctx), { intervalMs, logger: ctx.logger }).stop;
}
