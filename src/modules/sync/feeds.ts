import { Cron } from "croner";
import { and, asc, eq, isNotNull, lte } from "drizzle-orm";
import type { FeedKind } from "../../connectors/contract.ts";
import type { Db } from "../../db/engine.ts";
import { invalid, notFound } from "../../lib/errors.ts";
import { defaultSchedules } from "./defaults.ts";
import { feeds } from "./schema.ts";

export type Feed = typeof feeds.$inferSelect;

/** The next time a cron fires after `from`, or an error naming what is wrong with it. */
export function nextRun(cron: string, timezone: string, from = new Date()): Date {
  let job: Cron;
  try {
    job = new Cron(cron, { timezone, paused: true });
  } catch (error) {
    throw invalid(
      "cron_invalid",
      `schedule "${cron}" is not a valid cron expression: ${(error as Error).message}`,
    );
  }
  const next = job.nextRun(from);
  if (!next) throw invalid("cron_never_fires", `schedule "${cron}" never fires`);
  return next;
}

export function isValidTimezone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** One feed row per kind the connector supports, with the default schedule. */
export async function ensureFeeds(
  tx: Db,
  connection: { id: string; accountId: string },
  kinds: FeedKind[],
): Promise<void> {
  if (kinds.length === 0) return;
  await tx
    .insert(feeds)
    .values(
      kinds.map((kind) => {
        const cron = defaultSchedules[kind];
        return {
          accountId: connection.accountId,
          connectionId: connection.id,
          kind,
          cron,
          nextRunAt: cron ? nextRun(cron, "UTC") : null,
        };
      }),
    )
    .onConflictDoNothing();
}

export async function listFeeds(db: Db, accountId: string, connectionId: string): Promise<Feed[]> {
  return db
    .select()
    .from(feeds)
    .where(and(eq(feeds.accountId, accountId), eq(feeds.connectionId, connectionId)))
    .orderBy(asc(feeds.kind));
}

export async function getFeed(db: Db, accountId: string, connectionId: string, kind: string): Promise<Feed> {
  const [row] = await db
    .select()
    .from(feeds)
    .where(and(eq(feeds.accountId, accountId), eq(feeds.connectionId, connectionId), eq(feeds.kind, kind)));
  if (!row) throw notFound("feed");
  return row;
}

/** A connection's feeds, for jobs (no account scope: job data carries ids the hub itself wrote). */
export async function listFeedsOf(db: Db, connectionId: string): Promise<Feed[]> {
  return db.select().from(feeds).where(eq(feeds.connectionId, connectionId));
}

/** One feed of a connection, or undefined; for jobs, like listFeedsOf. */
export async function feedOf(db: Db, connectionId: string, kind: string): Promise<Feed | undefined> {
  const [row] = await db
    .select()
    .from(feeds)
    .where(and(eq(feeds.connectionId, connectionId), eq(feeds.kind, kind)));
  return row;
}

export async function updateFeed(
  db: Db,
  accountId: string,
  connectionId: string,
  kind: string,
  input: { enabled?: boolean; cron?: string | null; timezone?: string },
): Promise<Feed> {
  const current = await getFeed(db, accountId, connectionId, kind);
  const timezone = input.timezone ?? current.timezone;
  if (!isValidTimezone(timezone)) throw invalid("timezone_invalid", `"${timezone}" is not a time zone`);
  const cron = input.cron === undefined ? current.cron : input.cron;
  const [row] = await db
    .update(feeds)
    .set({
      ...(input.enabled !== undefined ? { enabled: input.enabled } : {}),
      cron,
      timezone,
      nextRunAt: cron ? nextRun(cron, timezone) : null,
      updatedAt: new Date(),
    })
    .where(eq(feeds.id, current.id))
    .returning();
  return row!;
}

/**
 * Claims the scheduled feeds that are due: moves each one's next run forward in the same statement,
 * so two schedulers (two workers) never both claim one slot.
 */
export async function claimDueFeeds(db: Db, now = new Date()): Promise<Feed[]> {
  const due = await db
    .select()
    .from(feeds)
    .where(and(eq(feeds.enabled, true), isNotNull(feeds.cron), lte(feeds.nextRunAt, now)))
    .limit(500);
  const claimed: Feed[] = [];
  for (const feed of due) {
    const next = nextRun(feed.cron!, feed.timezone, now);
    // Still due? A concurrent scheduler that claimed it first has already moved it forward.
    const [row] = await db
      .update(feeds)
      .set({ nextRunAt: next })
      .where(and(eq(feeds.id, feed.id), lte(feeds.nextRunAt, now)))
      .returning();
    if (row) claimed.push(feed);
  }
  return claimed;
}

export async function setWatermark(db: Db, feedId: string, watermark: Date): Promise<void> {
  await db.update(feeds).set({ watermark }).where(eq(feeds.id, feedId));
}
