import { eq } from "drizzle-orm";
import type { AppContext } from "../../context.ts";
import type { Db } from "../../db/engine.ts";
import { inTransaction } from "../../db/tx.ts";
import { appendEvents } from "../events/index.ts";
import { syncRecovered, syncStalled } from "./events.ts";
import { stallEpisodes } from "./schema.ts";
import { type ConnectionHealth, connectionHealth, type StallReason, stallDetail } from "./stall-watch.ts";

export const STALL_WATCH_JOB = "sync.stall-watch";

/**
 * Checked once a minute on a queue of its own, apart from the sync tick and the work it watches:
 * a stall of the drains or of the tick must not also silence the alarm. With the default
 * thresholds of two minutes, a stall is raised at most a minute (plus a poll) after it begins.
 */
export function registerStallWatch(ctx: AppContext): void {
  ctx.queue.define<Record<string, never>>({
    name: STALL_WATCH_JOB,
    policy: "stately",
    cron: "* * * * *",
    retryLimit: 0,
    expireInSeconds: 5 * 60,
    handler: async () => {
      await watchStalls(ctx.db);
    },
  });
}

export type StallChanges = { stalled: string[]; recovered: string[] };

/**
 * Opens an episode for each connection newly stalled and closes the episode of each that keeps up
 * again, appending `sync.stalled` / `sync.recovered` in the same transaction as the episode row.
 * The row is the once-per-episode guarantee: however many workers check, or however often, only
 * the one that inserts (or deletes) it raises the event. Returns the connections that changed.
 */
export async function watchStalls(db: Db, now = new Date()): Promise<StallChanges> {
  const health = await connectionHealth(db, { now });
  const open = new Map((await db.select().from(stallEpisodes)).map((e) => [e.connectionId, e]));
  const changes: StallChanges = { stalled: [], recovered: [] };
  for (const h of health) {
    const episode = open.get(h.connectionId);
    if (h.stall && !episode && (await openEpisode(db, h, now))) changes.stalled.push(h.connectionId);
    if (!h.stall && episode && (await closeEpisode(db, h, now))) changes.recovered.push(h.connectionId);
  }
  return changes;
}

async function openEpisode(db: Db, h: ConnectionHealth, now: Date): Promise<boolean> {
  const stall = h.stall!;
  return inTransaction(db, async (tx) => {
    const [row] = await tx
      .insert(stallEpisodes)
      .values({ connectionId: h.connectionId, accountId: h.accountId, reason: stall.reason, openedAt: now })
      .onConflictDoNothing()
      .returning();
    if (!row) return false;
    await appendEvents(tx, [
      syncStalled.of({
        accountId: h.accountId,
        subject: h.connectionId,
        payload: {
          episodeId: row.id,
          connectionId: h.connectionId,
          reason: stall.reason,
          detail: stall.detail,
          waiting: stall.waiting,
          oldestSeconds: stall.oldestSeconds,
          oldestMinutes: Math.floor(stall.oldestSeconds / 60),
        },
      }),
    ]);
    return true;
  });
}

async function closeEpisode(db: Db, h: ConnectionHealth, now: Date): Promise<boolean> {
  return inTransaction(db, async (tx) => {
    const [row] = await tx
      .delete(stallEpisodes)
      .where(eq(stallEpisodes.connectionId, h.connectionId))
      .returning();
    if (!row) return false;
    const reason = row.reason as StallReason;
    await appendEvents(tx, [
      syncRecovered.of({
        accountId: h.accountId,
        subject: h.connectionId,
        payload: {
          episodeId: row.id,
          connectionId: h.connectionId,
          reason,
          detail: stallDetail[reason] ?? reason,
          stalledMinutes: Math.max(0, Math.round((now.getTime() - row.openedAt.getTime()) / 60_000)),
        },
      }),
    ]);
    return true;
  });
}
