import { and, eq, gt, isNull, sql } from "drizzle-orm";
import type { AppContext } from "../../../context.ts";
import type { Db } from "../../../db/engine.ts";
import { isUuid } from "../../../lib/ids.ts";
import { qbwcContacts, qbwcSessions } from "../schema.ts";

export type WebConnectorSession = typeof qbwcSessions.$inferSelect;

/** A ticket lives an hour at most, and half an hour without a call (the Web Connector calls serially). */
const TICKET_LIFETIME_MS = 60 * 60_000;
const TICKET_IDLE_MS = 30 * 60_000;
/** Failed sign-ins of one connection before it answers "nvu" unchecked until the window ends. */
export const LOGIN_FAILURES_MAX = 10;
const LOGIN_WINDOW_MS = 15 * 60_000;

/** Opens a session for a connection, ending any other: one Web Connector session per connection. */
export async function openTicket(ctx: AppContext, accountId: string, connectionId: string): Promise<string> {
  const now = new Date();
  await ctx.db
    .update(qbwcSessions)
    .set({ closedAt: now })
    .where(and(eq(qbwcSessions.connectionId, connectionId), isNull(qbwcSessions.closedAt)));
  const [row] = await ctx.db
    .insert(qbwcSessions)
    .values({
      accountId,
      connectionId,
      expiresAt: new Date(now.getTime() + TICKET_LIFETIME_MS),
      lastCallAt: now,
    })
    .returning({ ticket: qbwcSessions.ticket });
  return row!.ticket;
}

/** The open session of a ticket, its last call stamped now; null when unknown, closed or expired. */
export async function touchTicket(db: Db, ticket: string): Promise<WebConnectorSession | null> {
  if (!isUuid(ticket)) return null;
  const now = new Date();
  const [row] = await db
    .update(qbwcSessions)
    .set({ lastCallAt: now })
    .where(
      and(
        eq(qbwcSessions.ticket, ticket),
        isNull(qbwcSessions.closedAt),
        gt(qbwcSessions.expiresAt, now),
        gt(qbwcSessions.lastCallAt, new Date(now.getTime() - TICKET_IDLE_MS)),
      ),
    )
    .returning();
  return row ?? null;
}

export async function updateTicket(
  db: Db,
  ticket: string,
  values: Partial<Pick<WebConnectorSession, "qbxmlVersion" | "lastError" | "closedAt">> & {
    answeredMore?: number;
  },
): Promise<void> {
  const { answeredMore, ...rest } = values;
  if (Object.keys(rest).length === 0 && !answeredMore) return;
  await db
    .update(qbwcSessions)
    .set({ ...rest, ...(answeredMore ? { answered: sql`${qbwcSessions.answered} + ${answeredMore}` } : {}) })
    .where(eq(qbwcSessions.ticket, ticket));
}

/** Whether the connection's sign-ins are locked after too many failures in the window. */
export async function loginLocked(db: Db, connectionId: string): Promise<boolean> {
  const [row] = await db.select().from(qbwcContacts).where(eq(qbwcContacts.connectionId, connectionId));
  return Boolean(
    row?.failWindowEndsAt && row.failWindowEndsAt > new Date() && row.failedLogins >= LOGIN_FAILURES_MAX,
  );
}

/** Counts a failed sign-in (a new window once the last one ended). */
export async function recordLoginFailure(db: Db, accountId: string, connectionId: string): Promise<void> {
  const windowEnd = new Date(Date.now() + LOGIN_WINDOW_MS);
  const expired = sql`${qbwcContacts.failWindowEndsAt} is null or ${qbwcContacts.failWindowEndsAt} <= now()`;
  await db
    .insert(qbwcContacts)
    .values({ connectionId, accountId, failedLogins: 1, failWindowEndsAt: windowEnd })
    .onConflictDoUpdate({
      target: qbwcContacts.connectionId,
      set: {
        failedLogins: sql`case when ${expired} then 1 else ${qbwcContacts.failedLogins} + 1 end`,
        failWindowEndsAt: sql`case when ${expired} then excluded.fail_window_ends_at else ${qbwcContacts.failWindowEndsAt} end`,
      },
    });
}

/** The Web Connector called in (health: "no contact since …"); a good sign-in clears the failures. */
export async function recordContact(
  db: Db,
  accountId: string,
  connectionId: string,
  signedIn: boolean,
): Promise<void> {
  const now = new Date();
  await db
    .insert(qbwcContacts)
    .values({ connectionId, accountId, lastContactAt: now })
    .onConflictDoUpdate({
      target: qbwcContacts.connectionId,
      set: signedIn
        ? { lastContactAt: now, failedLogins: 0, failWindowEndsAt: null }
        : { lastContactAt: now },
    });
}

/** When the Web Connector of a connection last called in, or null if it never has. */
export async function lastContact(db: Db, connectionId: string): Promise<Date | null> {
  const [row] = await db
    .select({ at: qbwcContacts.lastContactAt })
    .from(qbwcContacts)
    .where(eq(qbwcContacts.connectionId, connectionId));
  return row?.at ?? null;
}
