import { and, eq, gt } from "drizzle-orm";
import type { Db } from "../../db/engine.ts";
import { notificationDeliveries, notifications, notificationWebhooks } from "./schema.ts";
import { accountEmailRecipients, isTypeEnabled } from "./settings.ts";
import { renderLenient } from "./templates.ts";
import { type NotificationType, notificationTypes } from "./types.ts";

export type NotificationInput = {
  accountId: string;
  type: NotificationType;
  /** Variables for the type's templates; stored as the notification's data. */
  vars: Record<string, unknown>;
  connectionId?: string | null;
  subject?: string | null;
  eventId?: number;
  /** Unique per account: the same key never records twice. */
  dedupeKey: string;
  /** Custom alerts name their own recipients instead of the account's e-mail routing. */
  recipients?: { emails: string[]; webhookIds: string[] };
  now?: Date;
};

export type Recorded = { id: string } | { skipped: "disabled" | "cooldown" | "duplicate" };

/**
 * Records one notification and queues its deliveries in the caller's transaction, so the event
 * cursor, the notification and its deliveries commit together.
 */
export async function recordNotification(tx: Db, input: NotificationInput): Promise<Recorded> {
  const def = notificationTypes[input.type];
  const connectionId = input.connectionId ?? null;
  if (!(await isTypeEnabled(tx, input.accountId, input.type, connectionId))) return { skipped: "disabled" };
  const now = input.now ?? new Date();
  if ("cooldownSeconds" in def && input.subject) {
    const since = new Date(now.getTime() - def.cooldownSeconds * 1000);
    const [recent] = await tx
      .select({ id: notifications.id })
      .from(notifications)
      .where(
        and(
          eq(notifications.accountId, input.accountId),
          eq(notifications.type, input.type),
          eq(notifications.subject, input.subject),
          gt(notifications.createdAt, since),
        ),
      )
      .limit(1);
    if (recent) return { skipped: "cooldown" };
  }
  const [row] = await tx
    .insert(notifications)
    .values({
      accountId: input.accountId,
      type: input.type,
      severity: def.severity,
      title: renderLenient(def.title, input.vars),
      body: renderLenient(def.body, input.vars),
      connectionId,
      subject: input.subject ?? null,
      data: input.vars,
      eventId: input.eventId ?? null,
      dedupeKey: input.dedupeKey,
      createdAt: now,
    })
    .onConflictDoNothing()
    .returning({ id: notifications.id });
  if (!row) return { skipped: "duplicate" };
  await queueDeliveries(tx, input, row.id, def.email);
  return { id: row.id };
}

async function queueDeliveries(tx: Db, input: NotificationInput, notificationId: string, email: boolean) {
  const emails = input.recipients
    ? input.recipients.emails
    : email
      ? await accountEmailRecipients(tx, input.accountId)
      : [];
  const hooks = await tx
    .select({ id: notificationWebhooks.id, all: notificationWebhooks.allNotifications })
    .from(notificationWebhooks)
    .where(eq(notificationWebhooks.accountId, input.accountId));
  const webhookIds = input.recipients
    ? hooks.filter((h) => input.recipients?.webhookIds.includes(h.id)).map((h) => h.id)
    : hooks.filter((h) => h.all).map((h) => h.id);
  const rows = [
    ...[...new Set(emails.map((e) => e.toLowerCase()))].map((recipient) => ({
      channel: "email" as const,
      recipient,
    })),
    ...webhookIds.map((recipient) => ({ channel: "webhook" as const, recipient })),
  ];
  if (rows.length === 0) return;
  await tx
    .insert(notificationDeliveries)
    .values(rows.map((r) => ({ ...r, accountId: input.accountId, notificationId })))
    .onConflictDoNothing();
}
