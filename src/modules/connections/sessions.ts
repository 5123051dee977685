import { eq } from "drizzle-orm";
import type { ConnectorSession } from "../../connectors/contract.ts";
import type { AppContext } from "../../context.ts";
import { connectorFor } from "./credentials.ts";
import { type Connection, connections } from "./schema.ts";

/**
 * A live session with the platform, saving rotated credentials (OAuth refresh) as they change.
 * Sessions are kept per connection and credentials version on the hub's context, so every feed and
 * drain of a connection in this process shares one rate budget (orders before stock before
 * catalogue) instead of each believing it has the platform's whole allowance.
 */
export function openSession(ctx: AppContext, connection: Connection): ConnectorSession {
  const sessions = ctx.connectorSessions;
  const key = `${connection.id}:${connection.credentialsSealed}`;
  const cached = sessions.get(key);
  if (cached) return cached;
  for (const k of sessions.keys()) if (k.startsWith(`${connection.id}:`)) sessions.delete(k);
  const connector = connectorFor(ctx, connection.platform);
  const credentials = JSON.parse(ctx.secretBox.open(connection.credentialsSealed)) as unknown;
  const session = connector.connect(credentials, {
    logger: ctx.logger.child({ connection: connection.id, platform: connection.platform }),
    allowPrivateUrls: ctx.config.allowPrivateUrls,
    ...(ctx.resolveHost ? { resolveHost: ctx.resolveHost } : {}),
    saveCredentials: async (next) => {
      await ctx.db
        .update(connections)
        .set({ credentialsSealed: ctx.secretBox.seal(JSON.stringify(next)), updatedAt: new Date() })
        .where(eq(connections.id, connection.id));
    },
  });
  sessions.set(key, session);
  return session;
}
