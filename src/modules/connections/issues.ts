import { and, asc, desc, eq, getTableColumns, inArray, isNull, lte, sql } from "drizzle-orm";
import type { Db } from "../../db/engine.ts";
import { notFound } from "../../lib/errors.ts";
import { appendEvents } from "../events/index.ts";
import { syncError } from "./events.ts";
import { connections, type Severity, syncIssues } from "./schema.ts";

/** Other retryable problems back off exponentially from one minute, five attempts. */
export const RETRY_BASE_MS = 60 * 1000;
export const RETRY_MAX_ATTEMPTS = 5;

export type SyncIssue = typeof syncIssues.$inferSelect;

export type IssueInput = {
  accountId: string;
  connectionId: string;
  feedKind: string;
  subjectType: string;
  subjectId: string;
  severity: Severity;
  code: string;
  message: string;
  runId?: string;
  /** For `retry`: how many attempts before it needs a person, and the fixed delay (else exponential). */
  maxAttempts?: number;
  delayMs?: number;
};

/**
 * Records a problem with a subject (an order, a SKU). One open issue per subject: raising it again
 * counts an attempt, schedules the next with back-off, and escalates `retry` to `error` when the
 * attempts run out. Errors emit `sync.error` for notifications.
 */
export async function raiseIssue(db: Db, input: IssueInput, now = new Date()): Promise<SyncIssue> {
  const [open] = await db
    .select()
    .from(syncIssues)
    .where(
      and(
        eq(syncIssues.connectionId, input.connectionId),
        eq(syncIssues.subjectType, input.subjectType),
        eq(syncIssues.subjectId, input.subjectId),
        isNull(syncIssues.resolvedAt),
      ),
    );
  const attempts = (open?.attempts ?? 0) + 1;
  const maxAttempts = input.maxAttempts ?? open?.maxAttempts ?? RETRY_MAX_ATTEMPTS;
  const exhausted = input.severity === "retry" && attempts >= maxAttempts;
  const severity: Severity = exhausted ? "error" : input.severity;
  const delay = input.delayMs ?? RETRY_BASE_MS * 2 ** (attempts - 1);
  const values = {
    severity,
    code: input.code,
    message: exhausted ? `${input.message} (gave up after ${attempts} attempts)` : input.message,
    attempts,
    maxAttempts,
    nextRetryAt: severity === "retry" ? new Date(now.getTime() + delay) : null,
    // A retry is not a run: the issue keeps the run that found it (a backfill's edge, history.ts).
    lastRunId: input.runId ?? open?.lastRunId ?? null,
    updatedAt: now,
  };
  const [row] = open
    ? await db.update(syncIssues).set(values).where(eq(syncIssues.id, open.id)).returning()
    : await db
        .insert(syncIssues)
        .values({
          ...values,
          accountId: input.accountId,
          connectionId: input.connectionId,
          feedKind: input.feedKind,
          subjectType: input.subjectType,
          subjectId: input.subjectId,
        })
        .returning();
  if (severity === "error" && open?.severity !== "error") {
    await appendEvents(db, [
      syncError.of({
        accountId: input.accountId,
        subject: input.subjectId,
        payload: {
          issueId: row!.id,
          connectionId: input.connectionId,
          feedKind: input.feedKind,
          subjectType: input.subjectType,
          subjectId: input.subjectId,
          code: input.code,
          message: values.message,
        },
      }),
    ]);
  }
  return row!;
}

export async function resolveIssue(
  db: Db,
  connectionId: string,
  subjectType: string,
  subjectId: string,
  resolution: string,
): Promise<void> {
  await db
    .update(syncIssues)
    .set({ resolvedAt: new Date(), resolution, nextRetryAt: null, updatedAt: new Date() })
    .where(
      and(
        eq(syncIssues.connectionId, connectionId),
        eq(syncIssues.subjectType, subjectType),
        eq(syncIssues.subjectId, subjectId),
        isNull(syncIssues.resolvedAt),
      ),
    );
}

/** Resolves the open issues of many subjects at once (a batch of successful pushes). */
export async function resolveIssues(
  db: Db,
  connectionId: string,
  subjectType: string,
  subjectIds: string[],
  resolution: string,
): Promise<void> {
  if (subjectIds.length === 0) return;
  await db
    .update(syncIssues)
    .set({ resolvedAt: new Date(), resolution, nextRetryAt: null, updatedAt: new Date() })
    .where(
      and(
        eq(syncIssues.connectionId, connectionId),
        eq(syncIssues.subjectType, subjectType),
        inArray(syncIssues.subjectId, subjectIds),
        isNull(syncIssues.resolvedAt),
      ),
    );
}

/**
 * Retry items whose time has come, oldest first, of connected connections only, and at most
 * `perConnection` of any one connection: a connection with thousands due (or one disconnected,
 * whose items wait for new credentials) never keeps another's retries out of the tick's batch.
 */
export async function dueRetries(
  db: Db,
  now = new Date(),
  limit = 200,
  perConnection = 25,
): Promise<SyncIssue[]> {
  const ranked = db
    .select({
      id: syncIssues.id,
      rank: sql<number>`row_number() over (partition by ${syncIssues.connectionId} order by ${syncIssues.nextRetryAt}, ${syncIssues.id})`.as(
        "rank",
      ),
    })
    .from(syncIssues)
    .innerJoin(connections, eq(connections.id, syncIssues.connectionId))
    .where(
      and(
        eq(syncIssues.severity, "retry"),
        isNull(syncIssues.resolvedAt),
        lte(syncIssues.nextRetryAt, now),
        isNull(connections.disconnectedAt),
      ),
    )
    .as("ranked");
  return db
    .select(getTableColumns(syncIssues))
    .from(syncIssues)
    .innerJoin(ranked, eq(ranked.id, syncIssues.id))
    .where(lte(ranked.rank, perConnection))
    .orderBy(asc(syncIssues.nextRetryAt), asc(syncIssues.id))
    .limit(limit);
}

export async function getIssue(db: Db, accountId: string, id: string): Promise<SyncIssue> {
  const [row] = await db
    .select()
    .from(syncIssues)
    .where(and(eq(syncIssues.accountId, accountId), eq(syncIssues.id, id)));
  if (!row) throw notFound("issue");
  return row;
}

export async function listIssues(
  db: Db,
  accountId: string,
  f: { connectionId?: string; severity?: Severity; open?: boolean; limit: number },
) {
  return db
    .select()
    .from(syncIssues)
    .where(
      and(
        eq(syncIssues.accountId, accountId),
        f.connectionId ? eq(syncIssues.connectionId, f.connectionId) : undefined,
        f.severity ? eq(syncIssues.severity, f.severity) : undefined,
        f.open === false ? sql`${syncIssues.resolvedAt} is not null` : isNull(syncIssues.resolvedAt),
      ),
    )
    .orderBy(desc(syncIssues.updatedAt))
    .limit(f.limit);
}

/** "retrying (2 of 5, next at …)" or "needs attention", as the API shows it. */
export function issueState(issue: SyncIssue): string {
  if (issue.resolvedAt) return `resolved: ${issue.resolution ?? "done"}`;
  if (issue.severity === "retry")
    return `retrying (${issue.attempts} of ${issue.maxAttempts}, next at ${issue.nextRetryAt?.toISOString()})`;
  if (issue.severity === "error") return "needs attention";
  return "info";
}

export function issueView(i: SyncIssue) {
  return {
    id: i.id,
    connectionId: i.connectionId,
    feedKind: i.feedKind,
    subjectType: i.subjectType,
    subjectId: i.subjectId,
    severity: i.severity,
    code: i.code,
    message: i.message,
    attempts: i.attempts,
    maxAttempts: i.maxAttempts,
    nextRetryAt: i.nextRetryAt?.toISOString() ?? null,
    state: issueState(i),
    resolvedAt: i.resolvedAt?.toISOString() ?? null,
    updatedAt: i.updatedAt.toISOString(),
  };
}
