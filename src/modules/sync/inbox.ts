import { and, asc, eq, notInArray } from "drizzle-orm";
import { PlatformDeferred } from "../../connectors/contract.ts";
import type { AppContext } from "../../context.ts";
import type { Db } from "../../db/engine.ts";
import { INBOX_SLICE_MS } from "./lanes.ts";
import type { SyncProcessState } from "./process-state.ts";
import { webhookInbox } from "./schema.ts";
import { processWebhook } from "./webhooks.ts";

/** Webhooks read per query. */
const BATCH = 50;
/** Failures (not deferrals) after which a webhook is marked failed and no longer blocks anything. */
const MAX_FAILURES = 3;
const FAILURE_RETRY_MS = 2_000;

export type InboxOutcome = {
  /** Webhooks are left: the job queues another pass, after `retryAfterMs` if set. */
  more: boolean;
  retryAfterMs?: number;
};

/**
 * One pass over a connection's received webhooks, oldest first, one at a time — so one store's
 * burst of 600 deliveries is this connection's job, queued behind the other connections' jobs
 * rather than 600 jobs in front of them. The pass stops after `INBOX_SLICE_MS` and asks for
 * another. A webhook whose platform call is deferred, or that fails, is set aside until its retry
 * time while the pass goes on with the rest (order imports ignore updates older than the stored
 * one, so a later webhook of the same order may go first); after `MAX_FAILURES` failures it is
 * marked failed with its error. Idempotent: a webhook is applied only while it is `received`.
 */
export async function drainInbox(ctx: AppContext, connectionId: string): Promise<InboxOutcome> {
  // Passes running here (a kick meanwhile asks for one more loop) and webhooks set aside until
  // their retry time (deferred by the platform client, or failed): this hub's, on its context.
  const { inboxPasses: running, inboxSetAside: setAside } = ctx.sync;
  const current = running.get(connectionId);
  if (current) {
    current.again = true;
    return { more: false };
  }
  const pass = { again: false };
  running.set(connectionId, pass);
  try {
    const deadline = Date.now() + INBOX_SLICE_MS;
    // Read once per pass: a webhook its connector cannot take stays received, and is not re-read.
    const seen = new Set<string>();
    // Set aside and not yet due when a query ran: still ours, even if due by the pass's end.
    const waited = new Set<string>();
    for (;;) {
      pass.again = false;
      const ids = await receivedWebhooks(ctx.db, setAside, connectionId, BATCH, seen, waited);
      for (const id of ids) {
        seen.add(id);
        await processOne(ctx, connectionId, id);
        if (Date.now() >= deadline) return { more: true };
      }
      if (ids.length < BATCH && !pass.again) break;
    }
    const now = Date.now();
    let soonest: number | undefined;
    for (const [id, aside] of setAside) {
      if (aside.connectionId !== connectionId) continue;
      // Due when the query ran, yet not read as received: another process took it, or it is gone.
      if (!seen.has(id) && !waited.has(id)) setAside.delete(id);
      else soonest = Math.min(soonest ?? aside.retryAt, aside.retryAt);
    }
    return soonest === undefined ? { more: false } : { more: true, retryAfterMs: Math.max(1, soonest - now) };
  } finally {
    running.delete(connectionId);
  }
}

async function processOne(ctx: AppContext, connectionId: string, id: string): Promise<void> {
  const setAside = ctx.sync.inboxSetAside;
  try {
    await processWebhook(ctx, id);
    setAside.delete(id);
  } catch (error) {
    const before = setAside.get(id)?.failures ?? 0;
    if (error instanceof PlatformDeferred) {
      setAside.set(id, { connectionId, failures: before, retryAt: Date.now() + error.retryAfterMs });
      return;
    }
    const failures = before + 1;
    ctx.logger.warn({ err: error, inboxId: id, connectionId, failures }, "webhook processing failed");
    if (failures < MAX_FAILURES) {
      setAside.set(id, { connectionId, failures, retryAt: Date.now() + FAILURE_RETRY_MS * 2 ** before });
      return;
    }
    setAside.delete(id);
    await ctx.db
      .update(webhookInbox)
      .set({ status: "failed", error: (error as Error).message.slice(0, 500), processedAt: new Date() })
      .where(and(eq(webhookInbox.id, id), eq(webhookInbox.status, "received")));
  }
}

async function receivedWebhooks(
  db: Db,
  setAside: SyncProcessState["inboxSetAside"],
  connectionId: string,
  limit: number,
  seen: Set<string>,
  waited: Set<string>,
): Promise<string[]> {
  const now = Date.now();
  const notDue = [...setAside.entries()]
    .filter(([, s]) => s.connectionId === connectionId && s.retryAt > now)
    .map(([id]) => id);
  for (const id of notDue) waited.add(id);
  const skipped = notDue.concat([...seen]);
  const rows = await db
    .select({ id: webhookInbox.id })
    .from(webhookInbox)
    .where(
      and(
        eq(webhookInbox.connectionId, connectionId),
        eq(webhookInbox.status, "received"),
        skipped.length > 0 ? notInArray(webhookInbox.id, skipped) : undefined,
      ),
    )
    .orderBy(asc(webhookInbox.receivedAt))
    .limit(limit);
  return rows.map((r) => r.id);
}

/** Connections with received webhooks (the tick's safety net for a lost kick). */
export async function connectionsWithWebhooksWaiting(db: Db): Promise<string[]> {
  const rows = await db
    .selectDistinct({ connectionId: webhookInbox.connectionId })
    .from(webhookInbox)
    .where(eq(webhookInbox.status, "received"))
    .limit(1000);
  return rows.map((r) => r.connectionId);
}
