import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/engine.ts";
import { queryRows } from "../../db/rows.ts";
import { likePattern } from "../../db/sql.ts";
import { notFound } from "../../lib/errors.ts";
import { notificationDeliveries, notificationReads, notifications } from "./schema.ts";

export type CentreFilter = {
  type?: string | undefined;
  connectionId?: string | undefined;
  severity?: string | undefined;
  read?: boolean | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  q?: string | undefined;
};

export type NotificationRow = {
  id: string;
  type: string;
  severity: string;
  title: string;
  body: string;
  connectionId: string | null;
  subject: string | null;
  data: Record<string, unknown>;
  createdAt: string;
  read: boolean;
};

/**
 * The filter as SQL over `notifications n`, with read state for one user. Search is full-text
 * (simple dictionary, so SKUs and names match as typed) with a substring fallback for partial words.
 */
function where(accountId: string, userId: string, f: CentreFilter) {
  const like = f.q ? likePattern(f.q) : undefined;
  const read = sql`exists (select 1 from notification_reads r where r.notification_id = n.id and r.user_id = ${userId})`;
  return sql`n.account_id = ${accountId}
    ${f.type ? sql`and n.type = ${f.type}` : sql``}
    ${f.connectionId ? sql`and n.connection_id = ${f.connectionId}` : sql``}
    ${f.severity ? sql`and n.severity = ${f.severity}` : sql``}
    ${f.from ? sql`and n.created_at >= ${f.from.toISOString()}` : sql``}
    ${f.to ? sql`and n.created_at <= ${f.to.toISOString()}` : sql``}
    ${f.read === true ? sql`and ${read}` : f.read === false ? sql`and not ${read}` : sql``}
    ${
      f.q
        ? sql`and (to_tsvector('simple', n.title || ' ' || n.body) @@ plainto_tsquery('simple', ${f.q})
                or n.title ilike ${like} or n.body ilike ${like})`
        : sql``
    }`;
}

export async function listNotifications(
  db: Db,
  accountId: string,
  userId: string,
  f: CentreFilter & { limit: number; before?: { createdAt: string; id: string } | undefined },
): Promise<NotificationRow[]> {
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select n.id, n.type, n.severity, n.title, n.body, n.connection_id, n.subject, n.data, n.created_at,
          exists (select 1 from notification_reads r where r.notification_id = n.id and r.user_id = ${userId}) as read
        from notifications n
        where ${where(accountId, userId, f)}
          ${f.before ? sql`and (n.created_at, n.id) < (${f.before.createdAt}::timestamptz, ${f.before.id}::uuid)` : sql``}
        order by n.created_at desc, n.id desc
        limit ${f.limit + 1}`,
  );
  return rows.map((r) => ({
    id: String(r.id),
    type: String(r.type),
    severity: String(r.severity),
    title: String(r.title),
    body: String(r.body),
    connectionId: (r.connection_id as string | null) ?? null,
    subject: (r.subject as string | null) ?? null,
    data: (r.data as Record<string, unknown>) ?? {},
    createdAt: new Date(r.created_at as string).toISOString(),
    read: Boolean(r.read),
  }));
}

export async function getNotification(db: Db, accountId: string, userId: string, id: string) {
  const [n] = await db
    .select()
    .from(notifications)
    .where(and(eq(notifications.accountId, accountId), eq(notifications.id, id)));
  if (!n) throw notFound("notification");
  const [r] = await db
    .select()
    .from(notificationReads)
    .where(and(eq(notificationReads.notificationId, id), eq(notificationReads.userId, userId)));
  const deliveries = await db
    .select()
    .from(notificationDeliveries)
    .where(eq(notificationDeliveries.notificationId, id));
  return { notification: n, readAt: r?.readAt ?? null, deliveries };
}

export async function unreadCount(db: Db, accountId: string, userId: string): Promise<number> {
  const [row] = await queryRows<{ n: string | number }>(
    db,
    sql`select count(*) as n from notifications n where ${where(accountId, userId, { read: false })}`,
  );
  return Number(row?.n ?? 0);
}

export async function markRead(
  db: Db,
  accountId: string,
  userId: string,
  id: string,
  read: boolean,
): Promise<void> {
  const [n] = await db
    .select({ id: notifications.id })
    .from(notifications)
    .where(and(eq(notifications.accountId, accountId), eq(notifications.id, id)));
  if (!n) throw notFound("notification");
  if (read) {
    await db
      .insert(notificationReads)
      .values({ notificationId: id, userId, accountId })
      .onConflictDoNothing();
  } else {
    await db
      .delete(notificationReads)
      .where(and(eq(notificationReads.notificationId, id), eq(notificationReads.userId, userId)));
  }
}

/** Marks every matching notification of the caller's account read for the caller; returns how many changed. */
export async function markAllRead(
  db: Db,
  accountId: string,
  userId: string,
  f: CentreFilter,
): Promise<number> {
  const rows = await queryRows<{ notification_id: string }>(
    db,
    sql`insert into notification_reads (notification_id, user_id, account_id)
        select n.id, ${userId}, ${accountId} from notifications n
        where ${where(accountId, userId, { ...f, read: false })}
        on conflict do nothing
        returning notification_id`,
  );
  return rows.length;
}
