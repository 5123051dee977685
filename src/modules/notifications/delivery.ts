import { and, eq, lt, sql } from "drizzle-orm";
import type { AppContext } from "../../context.ts";
import { queryRows } from "../../db/rows.ts";
import { sendEmail } from "./email-sender.ts";
import { notificationDeliveries, notifications, notificationWebhooks } from "./schema.ts";
import { postWebhook, webhookBody } from "./webhook-sender.ts";

/** Attempts before a delivery is given up as `failed`. */
export const MAX_ATTEMPTS = 8;
/** A `sending` row older than this was claimed by a process that died mid-send. */
export const SENDING_LEASE_MS = 5 * 60 * 1000;

/** 30 s, 1 min, 2 min, … capped at one hour. */
export function backoffMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 60 * 60 * 1000);
}

type Claimed = {
  id: string;
  notification_id: string;
  channel: "email" | "webhook";
  recipient: string;
  attempts: number;
};

/**
 * Claims due deliveries (skip-locked, so several workers share them) by committing `sending`
 * before anything leaves the hub. If the process dies after the send but before recording it, the
 * row stays `sending` and the sweep marks it `uncertain`: R-NOT-8 prefers a visible "may not have
 * arrived" over a second copy.
 */
async function claimDue(ctx: AppContext, now: Date, limit: number): Promise<Claimed[]> {
  const smtp = ctx.config.smtpUrl !== undefined;
  return queryRows<Claimed>(
    ctx.db,
    sql`update notification_deliveries set status = 'sending', claimed_at = ${now.toISOString()}, attempts = attempts + 1
        where id in (
          select id from notification_deliveries
          where (status = 'pending' and next_attempt_at <= ${now.toISOString()})
             or (${smtp} and status = 'not_configured')
          order by next_attempt_at limit ${limit} for update skip locked)
        returning id, notification_id, channel, recipient, attempts`,
  );
}

/** Sends what is due; returns how many were attempted. */
export async function deliverDue(ctx: AppContext, now = new Date(), limit = 50): Promise<number> {
  await parkUnconfiguredEmail(ctx);
  await sweepAbandoned(ctx, now);
  const claimed = await claimDue(ctx, now, limit);
  for (const d of claimed) {
    try {
      await sendOne(ctx, d);
      await ctx.db
        .update(notificationDeliveries)
        .set({ status: "sent", sentAt: new Date(), lastError: null })
        .where(eq(notificationDeliveries.id, d.id));
    } catch (error) {
      const message = (error as Error).message.slice(0, 500);
      const giveUp = d.attempts >= MAX_ATTEMPTS;
      await ctx.db
        .update(notificationDeliveries)
        .set({
          status: giveUp ? "failed" : "pending",
          lastError: message,
          nextAttemptAt: new Date(now.getTime() + backoffMs(d.attempts)),
        })
        .where(eq(notificationDeliveries.id, d.id));
    }
  }
  return claimed.length;
}

async function sendOne(ctx: AppContext, d: Claimed): Promise<void> {
  const [n] = await ctx.db.select().from(notifications).where(eq(notifications.id, d.notification_id));
  if (!n) throw new Error("notification is gone");
  if (d.channel === "email") {
    const smtpUrl = ctx.config.smtpUrl;
    if (!smtpUrl) throw new Error("SMTP_URL is not set");
    const host = ctx.config.publicUrl ? new URL(ctx.config.publicUrl).hostname : "stockwire.localhost";
    await sendEmail(ctx.mail, smtpUrl, `Stockwire <notifications@${host}>`, {
      to: d.recipient,
      subject: n.title,
      text: `${n.title}\n\n${n.body}\n`,
      messageId: `<${d.id}@${host}>`,
    });
    return;
  }
  const [hook] = await ctx.db
    .select()
    .from(notificationWebhooks)
    .where(and(eq(notificationWebhooks.id, d.recipient), eq(notificationWebhooks.accountId, n.accountId)));
  if (!hook) throw new Error("webhook was deleted");
  const body = webhookBody(hook.format, {
    id: n.id,
    type: n.type,
    severity: n.severity,
    title: n.title,
    body: n.body,
    connectionId: n.connectionId,
    subject: n.subject,
    data: n.data,
    createdAt: n.createdAt.toISOString(),
  });
  await postWebhook(
    {
      url: hook.url,
      secret: ctx.secretBox.open(hook.secretSealed),
      allowPrivate: ctx.config.allowPrivateUrls,
      resolveHost: ctx.resolveHost,
    },
    d.id,
    body,
  );
}

/** Without SMTP_URL, e-mail waits visibly as `not_configured` instead of failing attempt after attempt. */
async function parkUnconfiguredEmail(ctx: AppContext): Promise<void> {
  if (ctx.config.smtpUrl) return;
  await ctx.db
    .update(notificationDeliveries)
    .set({ status: "not_configured", lastError: "SMTP_URL is not set" })
    .where(and(eq(notificationDeliveries.status, "pending"), eq(notificationDeliveries.channel, "email")));
}

/** Marks sends whose process died mid-way as `uncertain` (never resent automatically). */
export async function sweepAbandoned(ctx: AppContext, now = new Date()): Promise<number> {
  const rows = await ctx.db
    .update(notificationDeliveries)
    .set({ status: "uncertain", lastError: "the sending process stopped before recording the result" })
    .where(
      and(
        eq(notificationDeliveries.status, "sending"),
        lt(notificationDeliveries.claimedAt, new Date(now.getTime() - SENDING_LEASE_MS)),
      ),
    )
    .returning({ id: notificationDeliveries.id });
  return rows.length;
}
