import { pino } from "pino";
import type { ConnectorEnv } from "../../src/connectors/contract.ts";
import type { ShopifyCredentials } from "../../src/connectors/shopify/credentials.ts";
import { createShopifySession, type ShopifySession } from "../../src/connectors/shopify/session.ts";
import {
  type ShopifySandbox,
  type ShopifySandboxOptions,
  startShopifySandbox,
} from "../../src/sandboxes/shopify/index.ts";

/** Test-only wiring: a sandbox shop on 127.0.0.1 and a session on it, as the engine would build one. */

export const silentEnv = (): ConnectorEnv => ({ logger: pino({ level: "silent" }), allowPrivateUrls: true });

export function credentialsFor(
  sandbox: ShopifySandbox,
  overrides: Partial<ShopifyCredentials> = {},
): ShopifyCredentials {
  return {
    shopDomain: sandbox.url,
    accessToken: sandbox.accessToken,
    apiSecret: sandbox.apiSecret,
    ...overrides,
  };
}

/** Fast back-off so transient-failure paths do not slow tests down. */
export function sessionFor(
  sandbox: ShopifySandbox,
  overrides: Partial<ShopifyCredentials> = {},
): ShopifySession {
  return createShopifySession(credentialsFor(sandbox, overrides), silentEnv(), { retry: { baseDelayMs: 5 } });
}

/**
 * A sandbox plus a session on it. Reads that request ~1,000 points wait for the bucket to refill
 * between pages, as on a real shop; suites that read a lot use the Plus plan to stay quick.
 */
export async function startShop(options: ShopifySandboxOptions) {
  const sandbox = await startShopifySandbox({ port: 0, seed: 7, products: 30, orders: 40, ...options });
  return { sandbox, session: sessionFor(sandbox, { plan: options.plan ?? "standard" }) };
}
