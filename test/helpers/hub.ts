import type { FastifyInstance } from "fastify";
import { loadConfig } from "../../src/config.ts";
import type { HostResolver } from "../../src/connectors/http/guarded-lookup.ts";
import type { ConnectorRegistry } from "../../src/connectors/registry.ts";
import type { Database } from "../../src/db/engine.ts";
import type { RouteRegistrar } from "../../src/http/app.ts";
import { type Hub, startHub } from "../../src/hub.ts";
import { createLogger } from "../../src/logger.ts";
import { createAccountWithOwner, createApiToken, getUser } from "../../src/modules/accounts/index.ts";
import { freshDatabase } from "./database.ts";

export const TEST_SECRET = "0f".repeat(32);

export type TestHub = Hub & { app: FastifyInstance; database: Database; close(): Promise<void> };

/** A whole hub (HTTP + queue, optionally workers) on its own fresh database. */
export async function startTestHub(
  options: {
    work?: boolean;
    env?: Record<string, string>;
    connectors?: ConnectorRegistry;
    routes?: RouteRegistrar[];
    /** Resolves outbound host names instead of DNS (SSRF tests map made-up names). */
    resolveHost?: HostResolver;
  } = {},
): Promise<TestHub> {
  const database = await freshDatabase();
  const config = loadConfig({ STOCKWIRE_SECRET: TEST_SECRET, LOG_LEVEL: "silent", ...options.env });
  const hub = await startHub({
    config,
    logger: createLogger(process.env.TEST_LOG_LEVEL ?? "silent"),
    http: true,
    work: options.work ?? false,
    database,
    ...(options.connectors ? { connectors: options.connectors } : {}),
    ...(options.routes ? { routes: options.routes } : {}),
    ...(options.resolveHost ? { resolveHost: options.resolveHost } : {}),
  });
  return {
    ...hub,
    app: hub.app!,
    database,
    async close() {
      await hub.stop();
      await database.close();
    },
  };
}

export type Tenant = { accountId: string; userId: string; token: string; auth: { authorization: string } };

let counter = 0;
/** Creates an account with an owner and an API token for it. */
export async function createTenant(hub: Hub, name = `Shop ${++counter}`): Promise<Tenant> {
  const email = `owner${counter}-${Date.now()}@example.com`;
  const { accountId, userId } = await createAccountWithOwner(hub.ctx, {
    accountName: name,
    email,
    password: "correct horse battery",
  });
  const user = await getUser(hub.ctx.db, accountId, userId);
  const { token } = await createApiToken(hub.ctx.db, user, "test");
  return { accountId, userId, token, auth: { authorization: `Bearer ${token}` } };
}
