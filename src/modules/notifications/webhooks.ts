import { randomBytes } from "node:crypto";
import { and, desc, eq } from "drizzle-orm";
import { checkPlatformUrl } from "../../connectors/http/url-guard.ts";
import type { AppContext } from "../../context.ts";
import { notFound } from "../../lib/errors.ts";
import { notificationWebhooks } from "./schema.ts";

export type NotificationWebhook = typeof notificationWebhooks.$inferSelect;

export function webhookView(w: NotificationWebhook) {
  return {
    id: w.id,
    url: w.url,
    format: w.format,
    allNotifications: w.allNotifications,
    createdAt: w.createdAt.toISOString(),
  };
}

/** Adds a target; the signing secret is generated here and returned only in this answer. */
export async function createWebhook(
  ctx: AppContext,
  accountId: string,
  input: { url: string; format?: "json" | "slack" | undefined; allNotifications?: boolean | undefined },
) {
  checkPlatformUrl(input.url, ctx.config.allowPrivateUrls);
  const secret = `whsec_${randomBytes(24).toString("base64url")}`;
  const [row] = await ctx.db
    .insert(notificationWebhooks)
    .values({
      accountId,
      url: input.url,
      format: input.format ?? "json",
      allNotifications: input.allNotifications ?? true,
      secretSealed: ctx.secretBox.seal(secret),
    })
    .returning();
  return { ...webhookView(row!), secret };
}

export async function listWebhooks(ctx: AppContext, accountId: string) {
  const rows = await ctx.db
    .select()
    .from(notificationWebhooks)
    .where(eq(notificationWebhooks.accountId, accountId))
    .orderBy(desc(notificationWebhooks.createdAt));
  return rows.map(webhookView);
}

export async function deleteWebhook(ctx: AppContext, accountId: string, id: string): Promise<void> {
  const rows = await ctx.db
    .delete(notificationWebhooks)
    .where(and(eq(notificationWebhooks.accountId, accountId), eq(notificationWebhooks.id, id)))
    .returning({ id: notificationWebhooks.id });
  if (rows.length === 0) throw notFound("webhook");
}
