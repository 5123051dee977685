import { and, asc, count, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "../../db/engine.ts";
import { isUniqueViolation } from "../../db/sql.ts";
import { inTransaction } from "../../db/tx.ts";
import { AppError, conflict, invalid, notFound } from "../../lib/errors.ts";
import type { AccountHooks } from "./hooks.ts";
import { decoyHash, hashPassword, PASSWORD_MIN_LENGTH, verifyPassword } from "./passwords.ts";
import { accounts, type UserRole, users } from "./schema.ts";

/** Where accounts are created: the database and the hub's hooks that run in the creating transaction. */
export type AccountStore = { db: Db; accountHooks: AccountHooks };

export type UserView = { id: string; accountId: string; email: string; name: string | null; role: UserRole };

function toView(row: typeof users.$inferSelect): UserView {
  return { id: row.id, accountId: row.accountId, email: row.email, name: row.name, role: row.role };
}

function checkPassword(password: string): void {
  if (password.length < PASSWORD_MIN_LENGTH) {
    throw invalid("password_too_short", `password must be at least ${PASSWORD_MIN_LENGTH} characters`);
  }
}

function normaliseEmail(email: string): string {
  const e = email.trim();
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(e))
    throw invalid("email_invalid", `"${email}" is not a valid e-mail address`);
  return e;
}

/**
 * E-mails are unique across the hub (sign-in is by e-mail alone), so the database's unique index
 * decides: a check before the insert would race with a concurrent one and fail as a 500.
 * The answer is the same whether the e-mail is in the caller's account or another one; what
 * that still reveals, and how it is bounded, is in docs/security.md ("Accounts").
 */
async function insertUser<T>(email: string, insert: () => Promise<T>): Promise<T> {
  try {
    return await insert();
  } catch (error) {
    if (isUniqueViolation(error, "users_email_key")) throw emailTaken(email);
    throw error;
  }
}

const emailTaken = (email: string) => conflict("email_taken", `a user with e-mail ${email} already exists`);

export async function createAccountWithOwner(
  { db, accountHooks }: AccountStore,
  input: { accountName: string; email: string; password: string; name?: string; role?: UserRole },
): Promise<{ accountId: string; userId: string }> {
  const email = normaliseEmail(input.email);
  checkPassword(input.password);
  if (!input.accountName.trim()) throw invalid("account_name_empty", "account name must not be empty");
  const passwordHash = await hashPassword(input.password);
  return insertUser(email, () =>
    inTransaction(db, async (tx) => {
      const [account] = await tx.insert(accounts).values({ name: input.accountName.trim() }).returning();
      const [user] = await tx
        .insert(users)
        .values({
          accountId: account!.id,
          email,
          name: input.name ?? null,
          role: input.role ?? "owner",
          passwordHash,
        })
        .returning();
      await accountHooks.accountCreated(tx, account!.id);
      return { accountId: account!.id, userId: user!.id };
    }),
  );
}

export async function createUser(
  db: Db,
  accountId: string,
  input: { email: string; password: string; name?: string; role: UserRole },
): Promise<UserView> {
  const email = normaliseEmail(input.email);
  checkPassword(input.password);
  const passwordHash = await hashPassword(input.password);
  const [user] = await insertUser(email, () =>
    db
      .insert(users)
      .values({ accountId, email, name: input.name ?? null, role: input.role, passwordHash })
      .returning(),
  );
  return toView(user!);
}

export async function findAccountByName(db: Db, name: string): Promise<string | undefined> {
  const [row] = await db.select({ id: accounts.id }).from(accounts).where(eq(accounts.name, name)).limit(2);
  return row?.id;
}

export async function countUsers(db: Db): Promise<number> {
  const [row] = await db.select({ n: count() }).from(users);
  return row?.n ?? 0;
}

export async function getUserByEmail(db: Db, email: string): Promise<UserView | undefined> {
  const [row] = await db.select().from(users).where(sql`lower(${users.email}) = lower(${email.trim()})`);
  return row ? toView(row) : undefined;
}

export async function listUsers(db: Db, accountId: string): Promise<UserView[]> {
  const rows = await db
    .select()
    .from(users)
    .where(eq(users.accountId, accountId))
    .orderBy(asc(users.createdAt));
  return rows.map(toView);
}

/** Verifies e-mail and password; the same error whichever of the two is wrong. */
export async function authenticate(db: Db, email: string, password: string): Promise<UserView> {
  const [row] = await db
    .select()
    .from(users)
    .where(and(sql`lower(${users.email}) = lower(${email.trim()})`, isNull(users.disabledAt)));
  const ok = await verifyPassword(password, row?.passwordHash ?? (await decoyHash()));
  if (!row || !ok)
    throw new AppError("unauthenticated", "invalid_credentials", "e-mail or password is wrong");
  return toView(row);
}

export async function getAccount(db: Db, accountId: string) {
  const [row] = await db.select().from(accounts).where(eq(accounts.id, accountId));
  if (!row) throw notFound("account");
  return { id: row.id, name: row.name, timezone: row.timezone, createdAt: row.createdAt.toISOString() };
}

export async function getUser(db: Db, accountId: string, userId: string): Promise<UserView> {
  const [row] = await db
    .select()
    .from(users)
    .where(and(eq(users.id, userId), eq(users.accountId, accountId)));
  if (!row) throw notFound("user");
  return toView(row);
}
