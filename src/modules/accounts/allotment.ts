import { eq, isNotNull } from "drizzle-orm";
import type { Db } from "../../db/engine.ts";
import { notFound } from "../../lib/errors.ts";
import { accounts } from "./schema.ts";
import { findAccountByName } from "./service.ts";

/** An account's yearly order allotment and the time zone whose calendar year it counts in. */
export type AccountAllotment = { accountId: string; allotment: number | null; timezone: string };

export async function accountAllotment(db: Db, accountId: string): Promise<AccountAllotment> {
  const [row] = await db
    .select({ allotment: accounts.orderAllotment, timezone: accounts.timezone })
    .from(accounts)
    .where(eq(accounts.id, accountId));
  if (!row) throw notFound("account");
  return { accountId, ...row };
}

/** Accounts that have an allotment (the rest are unlimited and have nothing to announce). */
export async function accountsWithAllotment(db: Db): Promise<AccountAllotment[]> {
  const rows = await db
    .select({ accountId: accounts.id, allotment: accounts.orderAllotment, timezone: accounts.timezone })
    .from(accounts)
    .where(isNotNull(accounts.orderAllotment));
  return rows;
}

/**
 * `stockwire account set-allotment`: the operator sets (or, with null, removes) how many orders the
 * named account may download a year. Raising it is what resumes a paused order import.
 */
export async function setAllotment(
  db: Db,
  input: { account: string; orders: number | null },
): Promise<{ accountId: string; allotment: number | null }> {
  const accountId = await findAccountByName(db, input.account);
  if (!accountId) throw notFound("account");
  await db.update(accounts).set({ orderAllotment: input.orders }).where(eq(accounts.id, accountId));
  return { accountId, allotment: input.orders };
}
