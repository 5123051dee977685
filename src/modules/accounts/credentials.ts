import { and, desc, eq, gt, isNull, lt, sql } from "drizzle-orm";
import type { Db } from "../../db/engine.ts";
import { notFound } from "../../lib/errors.ts";
import { randomToken, sha256 } from "../../lib/ids.ts";
import { apiTokens, sessions, users } from "./schema.ts";
import type { UserView } from "./service.ts";

export const SESSION_TTL_MS = 14 * 24 * 3600 * 1000;

export type Principal = {
  accountId: string;
  user: UserView;
  via: "session" | "token";
  /** Only for sessions: cookie-authenticated writes must echo it in `x-csrf-token`. */
  csrfToken?: string;
  tokenId?: string;
};

export async function createSession(db: Db, user: UserView, now = new Date()) {
  const token = randomToken("sws");
  const csrfToken = randomToken("csrf", 18);
  const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
  await db
    .insert(sessions)
    .values({ tokenHash: sha256(token), csrfToken, accountId: user.accountId, userId: user.id, expiresAt });
  return { token, csrfToken, expiresAt };
}

export async function endSession(db: Db, token: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.tokenHash, sha256(token)));
}

export async function deleteExpiredSessions(db: Db, now = new Date()): Promise<number> {
  const gone = await db.delete(sessions).where(lt(sessions.expiresAt, now)).returning({ id: sessions.id });
  return gone.length;
}

async function activeUser(db: Db, userId: string): Promise<UserView | undefined> {
  const [u] = await db
    .select()
    .from(users)
    .where(and(eq(users.id, userId), isNull(users.disabledAt)));
  return u ? { id: u.id, accountId: u.accountId, email: u.email, name: u.name, role: u.role } : undefined;
}

export async function principalFromSession(
  db: Db,
  token: string,
  now = new Date(),
): Promise<Principal | undefined> {
  const [s] = await db
    .select()
    .from(sessions)
    .where(and(eq(sessions.tokenHash, sha256(token)), gt(sessions.expiresAt, now)));
  if (!s) return undefined;
  const user = await activeUser(db, s.userId);
  return user ? { accountId: s.accountId, user, via: "session", csrfToken: s.csrfToken } : undefined;
}

export async function principalFromToken(
  db: Db,
  token: string,
  now = new Date(),
): Promise<Principal | undefined> {
  const [t] = await db
    .select()
    .from(apiTokens)
    .where(and(eq(apiTokens.tokenHash, sha256(token)), isNull(apiTokens.revokedAt)));
  if (!t) return undefined;
  const user = await activeUser(db, t.userId);
  if (!user) return undefined;
  // Coarse last-used stamp: one write per token per minute at most, not one per request.
  if (!t.lastUsedAt || now.getTime() - t.lastUsedAt.getTime() > 60_000) {
    await db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, t.id));
  }
  return { accountId: t.accountId, user, via: "token", tokenId: t.id };
}

export type TokenView = {
  id: string;
  userId: string;
  name: string;
  hint: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
};

function tokenView(t: typeof apiTokens.$inferSelect): TokenView {
  return {
    id: t.id,
    userId: t.userId,
    name: t.name,
    hint: t.hint,
    createdAt: t.createdAt.toISOString(),
    lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
    revokedAt: t.revokedAt?.toISOString() ?? null,
  };
}

/** Creates an API token for a user; the plain token is returned here and never again. */
export async function createApiToken(
  db: Db,
  user: UserView,
  name: string,
): Promise<TokenView & { token: string }> {
  const token = randomToken("swt");
  const [row] = await db
    .insert(apiTokens)
    .values({
      accountId: user.accountId,
      userId: user.id,
      name,
      tokenHash: sha256(token),
      hint: token.slice(0, 8),
    })
    .returning();
  return { ...tokenView(row!), token };
}

/**
 * Members manage only their own tokens; admins and owners every token of their account. A token
 * outside the caller's reach is answered as not found, so its existence is not confirmed.
 */
function manageable(caller: Principal) {
  const inAccount = eq(apiTokens.accountId, caller.accountId);
  return caller.user.role === "member" ? and(inAccount, eq(apiTokens.userId, caller.user.id)) : inAccount;
}

export async function listApiTokens(db: Db, caller: Principal): Promise<TokenView[]> {
  const rows = await db.select().from(apiTokens).where(manageable(caller)).orderBy(desc(apiTokens.createdAt));
  return rows.map(tokenView);
}

export async function revokeApiToken(db: Db, caller: Principal, id: string, now = new Date()): Promise<void> {
  const [row] = await db
    .update(apiTokens)
    .set({ revokedAt: sql`coalesce(${apiTokens.revokedAt}, ${now})` })
    .where(and(eq(apiTokens.id, id), manageable(caller)))
    .returning({ id: apiTokens.id });
  if (!row) throw notFound("token");
}
