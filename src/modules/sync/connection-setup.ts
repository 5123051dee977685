import type { AppContext } from "../../context.ts";
import type { Db } from "../../db/engine.ts";
import { inTransaction } from "../../db/tx.ts";
import {
  type ConnectionMode,
  checkNewConnection,
  connectorFor,
  insertConnection,
  type NewConnection,
  setConnectionMode,
} from "../connections/index.ts";
import { ensureFeeds } from "./feeds.ts";
import { queueHeldStock } from "./go-live.ts";
import {
  advanceOnboarding,
  type OnboardingOptions,
  onboardingOptionsSchema,
  planOnboarding,
} from "./onboarding.ts";

export type CreateConnectionInput = NewConnection & {
  /** The onboarding chain to queue (all steps by default); `false` pairs a bare connection. */
  onboarding?: OnboardingOptions | false;
};

/**
 * Pairs a platform: the connection, its feeds and its onboarding plan commit together, then the
 * onboarding's first step is sent to the queue.
 */
export async function createConnection(
  ctx: AppContext,
  accountId: string,
  input: CreateConnectionInput,
  actor: string,
) {
  const checked = await checkNewConnection(ctx, accountId, input);
  const connector = connectorFor(ctx, input.platform);
  const created = await inTransaction(ctx.db, async (tx) => {
    const row = await insertConnection(ctx, tx, accountId, input, checked, actor);
    await ensureFeeds(tx, row, connector.capabilities.feeds);
    await planOnboarding(
      tx,
      row,
      connector.capabilities.feeds,
      input.onboarding ?? onboardingOptionsSchema.parse({}),
    );
    return row;
  });
  await advanceOnboarding(ctx, created.id);
  return created;
}

/** Switches the mode; going live queues, in the same transaction, the stock held while it was not. */
export async function switchConnectionMode(
  db: Db,
  accountId: string,
  id: string,
  mode: ConnectionMode,
  actor: string,
) {
  return inTransaction(db, async (tx) => {
    const { connection, changed } = await setConnectionMode(tx, accountId, id, mode, actor);
    const queuedPushes = changed && mode === "live" ? await queueHeldStock(tx, accountId, id) : 0;
    return { connection, changed, queuedPushes };
  });
}
