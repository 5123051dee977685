import type { AppContext } from "../../context.ts";
import { type Connection, listIssues, openSession, raiseIssue, resolveIssue } from "../connections/index.ts";

/** What the connection shows while the platform sends it no webhooks. */
export const WEBHOOKS_NOT_REGISTERED = "webhooks not registered — only scheduled feeds run";
const NOT_REGISTERED_CODE = "webhooks_not_registered";
/** Its own subject, so a connection-wide issue of another kind (a blocked stock export) neither hides nor clears it. */
const SUBJECT_TYPE = "webhooks";

/** Where a platform should send this connection's webhooks. */
export function webhookUrl(ctx: AppContext, connection: Connection): string {
  const base = ctx.config.publicUrl ?? `http://${ctx.config.host}:${ctx.config.port}`;
  return `${base.replace(/\/$/, "")}/webhooks/${connection.platform}/${connection.id}`;
}

/**
 * Subscribes to the platform's webhooks at pairing. Best effort: scheduled feeds remain the safety
 * net, so a platform that refuses (e.g. an unreachable callback URL) does not block pairing.
 */
export async function registerWebhooksFor(
  ctx: AppContext,
  connection: Connection,
): Promise<{ registered: boolean; topics?: string[]; error?: string }> {
  const connector = ctx.connectors[connection.platform];
  if (!connector?.capabilities.webhooks)
    return { registered: false, error: "the platform has no webhooks; scheduled feeds only" };
  const session = openSession(ctx, connection);
  if (!session.registerWebhooks)
    return { registered: false, error: "the connector cannot register webhooks" };
  try {
    const { topics } = await session.registerWebhooks(webhookUrl(ctx, connection));
    await resolveIssue(ctx.db, connection.id, SUBJECT_TYPE, connection.id, "webhooks registered");
    return { registered: true, topics };
  } catch (error) {
    ctx.logger.warn({ err: error, connectionId: connection.id }, "webhook registration failed");
    const message = `${WEBHOOKS_NOT_REGISTERED}: ${(error as Error).message}`;
    // Kept as an open issue on the connection, so it shows there until webhooks are registered.
    await raiseIssue(ctx.db, {
      accountId: connection.accountId,
      connectionId: connection.id,
      feedKind: "webhooks",
      subjectType: SUBJECT_TYPE,
      subjectId: connection.id,
      severity: "error",
      code: NOT_REGISTERED_CODE,
      message,
    });
    return { registered: false, error: message };
  }
}

/** Why the platform sends this connection no webhooks, or null when registration did not fail. */
export async function webhooksNotRegistered(ctx: AppContext, connection: Connection): Promise<string | null> {
  const open = await listIssues(ctx.db, connection.accountId, { connectionId: connection.id, limit: 100 });
  return open.find((issue) => issue.code === NOT_REGISTERED_CODE)?.message ?? null;
}
