import type { AppContext } from "../../context.ts";
import { type Connection, openSession } from "../connections/index.ts";

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
    return { registered: true, topics };
  } catch (error) {
    ctx.logger.warn({ err: error, connectionId: connection.id }, "webhook registration failed");
    return { registered: false, error: (error as Error).message };
  }
}
