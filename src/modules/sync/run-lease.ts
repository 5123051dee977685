import { and, eq, inArray, isNull, lt, ne, or, sql } from "drizzle-orm";
import type { AppContext } from "../../context.ts";
import type { Db } from "../../db/engine.ts";
import { queryRows } from "../../db/rows.ts";
import { pgArray } from "../../db/sql.ts";
import { feedRuns } from "./schema.ts";

/**
 * A run's heartbeat is renewed every `HEARTBEAT_MS` while a worker executes it. A `running` run
 * whose heartbeat is older than `RUN_LEASE_MS` belongs to a worker that died (killed, machine
 * lost): the tick sends it to the queue again and the next worker resumes it from its saved cursor.
 */
export const RUN_LEASE_MS = 30_000;
export const HEARTBEAT_MS = 10_000;

const staleBefore = (now: Date) => new Date(now.getTime() - RUN_LEASE_MS);

/**
 * Takes a run for this worker: a queued one, or a running one whose worker stopped beating. Null
 * when the run is finished, or another worker is alive on it (a duplicate job does nothing), or
 * another run of the same feed is running: a feed never runs twice at once.
 */
export async function claimRun(db: Db, runId: string, now = new Date()) {
  const [row] = await db
    .update(feedRuns)
    .set({ status: "running", heartbeatAt: now, startedAt: sql`coalesce(${feedRuns.startedAt}, ${now})` })
    .where(
      and(
        eq(feedRuns.id, runId),
        or(
          eq(feedRuns.status, "queued"),
          and(
            eq(feedRuns.status, "running"),
            or(isNull(feedRuns.heartbeatAt), lt(feedRuns.heartbeatAt, staleBefore(now))),
          ),
        ),
        sql`not exists (select 1 from feed_runs o
          where o.connection_id = ${feedRuns.connectionId} and o.feed_kind = ${feedRuns.feedKind}
            and o.id <> ${feedRuns.id} and o.status = 'running'
            and coalesce(o.heartbeat_at, o.started_at) >= ${staleBefore(now).toISOString()}::timestamptz)`,
      ),
    )
    .returning();
  return row ?? null;
}

/** Renews the run's heartbeat until the returned function is called. */
export function keepRunAlive(db: Db, runId: string, onError: (error: unknown) => void): () => void {
  const timer = setInterval(() => {
    db.update(feedRuns)
      .set({ heartbeatAt: new Date() })
      .where(and(eq(feedRuns.id, runId), eq(feedRuns.status, "running")))
      .catch(onError);
  }, HEARTBEAT_MS);
  timer.unref();
  return () => clearInterval(timer);
}

/** Running runs whose worker stopped beating. */
export async function stalledRuns(db: Db, now = new Date()) {
  return db
    .select()
    .from(feedRuns)
    .where(
      and(
        eq(feedRuns.status, "running"),
        or(
          lt(feedRuns.heartbeatAt, staleBefore(now)),
          and(isNull(feedRuns.heartbeatAt), lt(feedRuns.startedAt, staleBefore(now))),
        ),
      ),
    )
    .limit(100);
}

/**
 * Runs paused between slices (queued again after they had started) that have not moved for a
 * lease: their job may be lost, so the tick sends it again (a no-op while one waits).
 */
export async function pausedRuns(db: Db, now = new Date()) {
  return db
    .select()
    .from(feedRuns)
    .where(and(eq(feedRuns.status, "queued"), lt(feedRuns.heartbeatAt, staleBefore(now))))
    .limit(100);
}

/** Whether another run of the same feed is queued (it will read the same records again). */
export async function hasQueuedSibling(db: Db, run: { id: string; connectionId: string; feedKind: string }) {
  const [row] = await db
    .select({ id: feedRuns.id })
    .from(feedRuns)
    .where(
      and(
        eq(feedRuns.connectionId, run.connectionId),
        eq(feedRuns.feedKind, run.feedKind),
        eq(feedRuns.status, "queued"),
        ne(feedRuns.id, run.id),
      ),
    )
    .limit(1);
  return row !== undefined;
}

/**
 * The queue jobs still marked active for runs whose worker died, failed before the run is sent
 * again: where the queue was created with the old "stately" policy, such a job would keep the run's
 * next job from starting until it expires. pg-boss keeps no index by job data; the active jobs of
 * one queue are few.
 */
export async function orphanedJobIds(ctx: AppContext, queueName: string, runIds: string[]) {
  if (runIds.length === 0) return [];
  const rows = await queryRows<{ id: string }>(
    ctx.db,
    sql`select id::text as id from pgboss.job
        where name = ${queueName} and state = 'active' and data->>'runId' = any(${pgArray(runIds)}::text[])`,
  );
  return rows.map((r) => r.id);
}

export async function markRunsAbandoned(db: Db, runIds: string[], error: string) {
  if (runIds.length === 0) return;
  await db
    .update(feedRuns)
    .set({ status: "failed", error, finishedAt: new Date() })
    .where(and(inArray(feedRuns.id, runIds), eq(feedRuns.status, "running")));
}
