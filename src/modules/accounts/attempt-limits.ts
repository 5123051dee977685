import { and, eq, gt, lte, sql } from "drizzle-orm";
import type { Db } from "../../db/engine.ts";
import { AppError } from "../../lib/errors.ts";
import { sha256 } from "../../lib/ids.ts";
import { attemptCounters } from "./schema.ts";

export type AttemptLimit = {
  name: string;
  max: number;
  windowSeconds: number;
  /** Forget earlier failures once the work succeeds (only safe where success needs the secret). */
  clearOnSuccess?: boolean;
};

/** Failed sign-ins per e-mail (trimmed, lower-cased): stops guessing one user's password. */
export const SIGN_IN_PER_EMAIL: AttemptLimit = {
  name: "sign-in:email",
  max: 10,
  windowSeconds: 15 * 60,
  clearOnSuccess: true,
};

/**
 * Failed password checks per client address (IPv6 per /64), whatever the e-mail: stops spraying
 * one password over many e-mails and bounds the scrypt work one client can cause.
 */
export const PASSWORD_PER_ADDRESS: AttemptLimit = {
  name: "password:address",
  max: 30,
  windowSeconds: 15 * 60,
};

/** `POST /users` answers that hit an e-mail already in use; each one tells the caller it exists. */
export const USER_CONFLICTS_PER_ACCOUNT: AttemptLimit = {
  name: "user-conflict:account",
  max: 10,
  windowSeconds: 60 * 60,
};

export type AttemptCheck = [limit: AttemptLimit, subject: string];

export function normaliseSignInEmail(email: string): string {
  return email.trim().toLowerCase();
}

// Hashed so that what people type into the e-mail field (sometimes a password) is not stored.
const keyOf = ([limit, subject]: AttemptCheck) => sha256(`${limit.name}:${subject}`);

/** Counts one attempt; the database clock and an atomic upsert keep every process in step. */
async function hit(db: Db, check: AttemptCheck): Promise<{ hits: number; retryAfter: number }> {
  const window = sql`now() + make_interval(secs => ${check[0].windowSeconds})`;
  const expired = sql`attempt_counters.reset_at <= now()`;
  const [row] = await db
    .insert(attemptCounters)
    .values({ keyHash: keyOf(check), hits: 1, resetAt: window })
    .onConflictDoUpdate({
      target: attemptCounters.keyHash,
      set: {
        hits: sql`case when ${expired} then 1 else attempt_counters.hits + 1 end`,
        resetAt: sql`case when ${expired} then excluded.reset_at else attempt_counters.reset_at end`,
      },
    })
    .returning({
      hits: attemptCounters.hits,
      retryAfter: sql<number>`greatest(1, ceil(extract(epoch from ${attemptCounters.resetAt} - now())))::int`,
    });
  return row!;
}

/** Takes one hit back: no guess was made, or (succeeded) the guess was right. */
async function giveBack(db: Db, [limit, subject]: AttemptCheck, succeeded: boolean): Promise<void> {
  const live = and(
    eq(attemptCounters.keyHash, keyOf([limit, subject])),
    gt(attemptCounters.resetAt, sql`now()`),
  );
  if (succeeded && limit.clearOnSuccess) {
    await db.delete(attemptCounters).where(live);
    return;
  }
  await db
    .update(attemptCounters)
    .set({ hits: sql`greatest(${attemptCounters.hits} - 1, 0)` })
    .where(live);
}

function giveAllBack(db: Db, checks: AttemptCheck[], succeeded: boolean): Promise<unknown> {
  return Promise.all(checks.map((c) => giveBack(db, c, succeeded)));
}

/**
 * Runs password work under limits. Each attempt is counted before the work starts, so parallel
 * requests cannot slip past a limit together; the count stays only when `counts` says the failure
 * was a real guess. Success gives the hit back (or clears the counter where the limit says so).
 * A spent limit is a 429 `rate_limited` with the seconds until its window ends.
 */
export async function withAttemptLimits<T>(
  db: Db,
  checks: AttemptCheck[],
  counts: (error: unknown) => boolean,
  work: () => Promise<T>,
): Promise<T> {
  const results = await Promise.all(checks.map((c) => hit(db, c)));
  const spent = results.flatMap((r, i) => (r.hits > checks[i]![0].max ? [r.retryAfter] : []));
  if (spent.length > 0) {
    await giveAllBack(db, checks, false);
    const retryAfter = Math.max(...spent);
    throw new AppError("rate_limited", "rate_limited", `too many attempts; try again in ${retryAfter} s`, {
      retryAfter,
    });
  }
  try {
    const result = await work();
    await giveAllBack(db, checks, true);
    return result;
  } catch (error) {
    if (!counts(error)) await giveAllBack(db, checks, false);
    throw error;
  }
}

/** Removes counters whose window has ended; run by the accounts sweep. */
export async function deleteExpiredAttemptCounters(db: Db): Promise<number> {
  const gone = await db
    .delete(attemptCounters)
    .where(lte(attemptCounters.resetAt, sql`now()`))
    .returning({ keyHash: attemptCounters.keyHash });
  return gone.length;
}
