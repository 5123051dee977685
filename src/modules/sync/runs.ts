import { and, desc, eq, gte, ilike, lte, sql } from "drizzle-orm";
import type { Db } from "../../db/engine.ts";
import { likePattern } from "../../db/sql.ts";
import { notFound } from "../../lib/errors.ts";
import type { Severity } from "../connections/index.ts";
import { appendEvents } from "../events/index.ts";
import { feedRunFinished } from "./events.ts";
import { runErrorCode } from "./run-error-code.ts";
import { feedRuns, type RunCounts, type RunStatus, type RunTrigger, runMessages } from "./schema.ts";

export type FeedRun = typeof feedRuns.$inferSelect;
export const zeroCounts = (): RunCounts => ({
  imported: 0,
  updated: 0,
  new: 0,
  archived: 0,
  skipped: 0,
  failed: 0,
});

export async function createRun(
  db: Db,
  input: { accountId: string; connectionId: string; feedKind: string; trigger: RunTrigger; full?: boolean },
): Promise<FeedRun> {
  const [row] = await db
    .insert(feedRuns)
    .values({ ...input, full: input.full ?? false })
    .returning();
  return row!;
}

/** A run in progress: counts and messages are saved as it goes, so a run that dies half way shows what it did. */
export type RunRecorder = {
  run: FeedRun;
  counts: RunCounts;
  count(key: keyof RunCounts, n?: number): void;
  message(severity: Severity, code: string, message: string, subject?: string): Promise<void>;
  progress(done: number, total: number | null, cursor?: string | null): Promise<void>;
  flush(): Promise<void>;
};

export async function startRun(db: Db, run: FeedRun): Promise<RunRecorder> {
  await db
    .update(feedRuns)
    .set({ status: "running", startedAt: run.startedAt ?? new Date() })
    .where(eq(feedRuns.id, run.id));
  const counts = { ...zeroCounts(), ...run.counts };
  return {
    run,
    counts,
    count(key, n = 1) {
      counts[key] = (counts[key] ?? 0) + n;
    },
    async message(severity, code, message, subject) {
      await db
        .insert(runMessages)
        .values({ runId: run.id, severity, code, message, subject: subject ?? null });
    },
    async progress(done, total, cursor) {
      await db
        .update(feedRuns)
        .set({ progress: { done, total, ...(cursor !== undefined ? { cursor } : {}) }, counts })
        .where(eq(feedRuns.id, run.id));
    },
    async flush() {
      await db.update(feedRuns).set({ counts }).where(eq(feedRuns.id, run.id));
    },
  };
}

/**
 * Closes a run and emits `feed_run.finished` with its counts (job-completion notifications read it).
 * `outcome` is what stopped it: an error keeps its message and its code (runErrorCode); a string is
 * a reason the hub chose (a skipped step) and has no code.
 */
export async function finishRun(
  db: Db,
  recorder: RunRecorder,
  status: RunStatus,
  outcome?: string | Error,
): Promise<void> {
  const { run, counts } = recorder;
  const error = outcome instanceof Error ? outcome.message : outcome;
  const errorCode = outcome instanceof Error ? runErrorCode(outcome) : null;
  await db
    .update(feedRuns)
    .set({ status, counts, error: error ?? null, errorCode, finishedAt: new Date() })
    .where(eq(feedRuns.id, run.id));
  await appendEvents(db, [
    feedRunFinished.of({
      accountId: run.accountId,
      subject: run.connectionId,
      payload: {
        runId: run.id,
        connectionId: run.connectionId,
        feedKind: run.feedKind,
        trigger: run.trigger,
        status,
        counts,
        error: error ?? null,
        errorCode,
      },
    }),
  ]);
}

export type RunFilter = {
  connectionId?: string;
  feedKind?: string;
  status?: RunStatus;
  trigger?: RunTrigger;
  from?: Date;
  to?: Date;
  q?: string;
  before?: { queuedAt: string; id: string };
  limit: number;
};

export async function listRuns(db: Db, accountId: string, f: RunFilter) {
  return db
    .select()
    .from(feedRuns)
    .where(
      and(
        eq(feedRuns.accountId, accountId),
        f.connectionId ? eq(feedRuns.connectionId, f.connectionId) : undefined,
        f.feedKind ? eq(feedRuns.feedKind, f.feedKind) : undefined,
        f.status ? eq(feedRuns.status, f.status) : undefined,
        f.trigger ? eq(feedRuns.trigger, f.trigger) : undefined,
        f.from ? gte(feedRuns.queuedAt, f.from) : undefined,
        f.to ? lte(feedRuns.queuedAt, f.to) : undefined,
        f.q
          ? sql`(${ilike(feedRuns.error, likePattern(f.q))} or exists (select 1 from run_messages m where m.run_id = ${feedRuns.id} and (m.message ilike ${likePattern(f.q)} or m.code ilike ${likePattern(f.q)})))`
          : undefined,
        // Cursors carry milliseconds; the column has microseconds, so page on the truncated value.
        f.before
          ? sql`(date_trunc('milliseconds', ${feedRuns.queuedAt}), ${feedRuns.id}) < (${f.before.queuedAt}::timestamptz, ${f.before.id}::uuid)`
          : undefined,
      ),
    )
    .orderBy(sql`date_trunc('milliseconds', ${feedRuns.queuedAt}) desc`, desc(feedRuns.id))
    .limit(f.limit + 1);
}

export async function getRun(db: Db, accountId: string, id: string) {
  const [run] = await db
    .select()
    .from(feedRuns)
    .where(and(eq(feedRuns.accountId, accountId), eq(feedRuns.id, id)));
  if (!run) throw notFound("feed_run");
  const messages = await db
    .select()
    .from(runMessages)
    .where(eq(runMessages.runId, id))
    .orderBy(runMessages.id);
  return { run, messages };
}

export function runView(r: FeedRun) {
  return {
    id: r.id,
    connectionId: r.connectionId,
    feedKind: r.feedKind,
    trigger: r.trigger,
    status: r.status,
    full: r.full,
    counts: r.counts,
    progress: r.progress,
    error: r.error,
    errorCode: r.errorCode,
    queuedAt: r.queuedAt.toISOString(),
    startedAt: r.startedAt?.toISOString() ?? null,
    finishedAt: r.finishedAt?.toISOString() ?? null,
  };
}
