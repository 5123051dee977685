import { and, asc, desc, eq, inArray, lt, or, sql } from "drizzle-orm";
import type { Db } from "../../db/engine.ts";
import { booksPostings, type PostingStatus, type PostingSubject } from "./schema.ts";

export type Posting = typeof booksPostings.$inferSelect;

/** A claim older than this is taken to belong to a crashed worker; the idempotency key makes a re-post safe. */
const STALE_CLAIM_MS = 5 * 60_000;

export type PostingKey = {
  accountId: string;
  booksConnectionId: string;
  channelConnectionId: string | null;
  subjectType: PostingSubject;
  subjectId: string;
};

/** The ledger row of a subject, created pending the first time (R-ORD-4: the unique key is the guard). */
export async function ensurePosting(db: Db, key: PostingKey): Promise<Posting> {
  await db.insert(booksPostings).values(key).onConflictDoNothing();
  const [row] = await db
    .select()
    .from(booksPostings)
    .where(
      and(
        eq(booksPostings.booksConnectionId, key.booksConnectionId),
        eq(booksPostings.subjectType, key.subjectType),
        eq(booksPostings.subjectId, key.subjectId),
      ),
    );
  return row!;
}

/**
 * Takes a row for posting unless it is posted or another worker holds it. Previews are claimable:
 * a connection switched from shadow to live posts what it had only previewed.
 */
export async function claimPosting(db: Db, id: string, now = new Date()): Promise<Posting | null> {
  const [row] = await db
    .update(booksPostings)
    .set({ status: "posting", attempts: sql`${booksPostings.attempts} + 1`, updatedAt: now })
    .where(
      and(
        eq(booksPostings.id, id),
        or(
          inArray(booksPostings.status, ["pending", "failed", "preview"]),
          and(
            eq(booksPostings.status, "posting"),
            lt(booksPostings.updatedAt, new Date(now.getTime() - STALE_CLAIM_MS)),
          ),
        ),
      ),
    )
    .returning();
  return row ?? null;
}

export async function settlePosting(
  db: Db,
  id: string,
  values: Partial<Omit<Posting, "id" | "accountId">> & { status: PostingStatus },
): Promise<void> {
  await db
    .update(booksPostings)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(booksPostings.id, id));
}

export async function pendingPostingIds(db: Db, limit = 50): Promise<string[]> {
  const rows = await db
    .select({ id: booksPostings.id })
    .from(booksPostings)
    .where(eq(booksPostings.status, "pending"))
    .orderBy(asc(booksPostings.createdAt))
    .limit(limit);
  return rows.map((r) => r.id);
}

export async function getPosting(db: Db, id: string): Promise<Posting | null> {
  const [row] = await db.select().from(booksPostings).where(eq(booksPostings.id, id));
  return row ?? null;
}

export type PostingFilter = {
  status?: PostingStatus;
  subjectType?: PostingSubject;
  booksConnectionId?: string;
  channelConnectionId?: string;
  limit: number;
};

export async function listPostings(db: Db, accountId: string, f: PostingFilter) {
  const rows = await db
    .select()
    .from(booksPostings)
    .where(
      and(
        eq(booksPostings.accountId, accountId),
        f.status ? eq(booksPostings.status, f.status) : undefined,
        f.subjectType ? eq(booksPostings.subjectType, f.subjectType) : undefined,
        f.booksConnectionId ? eq(booksPostings.booksConnectionId, f.booksConnectionId) : undefined,
        f.channelConnectionId ? eq(booksPostings.channelConnectionId, f.channelConnectionId) : undefined,
      ),
    )
    .orderBy(desc(booksPostings.createdAt), desc(booksPostings.id))
    .limit(f.limit);
  return rows.map(postingView);
}

export function postingView(p: Posting) {
  return {
    id: p.id,
    booksConnectionId: p.booksConnectionId,
    channelConnectionId: p.channelConnectionId,
    subjectType: p.subjectType,
    subjectId: p.subjectId,
    status: p.status,
    generation: p.generation,
    docKind: p.docKind,
    docId: p.docId,
    docNumber: p.docNumber,
    totalMinor: p.totalMinor,
    error: p.error,
    attempts: p.attempts,
    postedAt: p.postedAt?.toISOString() ?? null,
    updatedAt: p.updatedAt.toISOString(),
  };
}
