import { pino } from "pino";
import type { ConnectorEnv } from "../../src/connectors/contract.ts";
import type { QuickBooksCredentials } from "../../src/connectors/quickbooks-online/credentials.ts";
import {
  createQuickBooksSession,
  type QuickBooksSession,
} from "../../src/connectors/quickbooks-online/session.ts";
import {
  type QuickBooksOnlineSandbox,
  type QuickBooksOnlineSandboxOptions,
  startQuickBooksOnlineSandbox,
} from "../../src/sandboxes/quickbooks-online/index.ts";

/** Test-only wiring: a sandbox company on 127.0.0.1 and sessions on it, as the engine would build them. */

export async function startCompany(
  options: QuickBooksOnlineSandboxOptions = {},
): Promise<QuickBooksOnlineSandbox> {
  return startQuickBooksOnlineSandbox({ port: 0, seed: 11, items: 30, ...options });
}

export function credentialsFor(
  sandbox: QuickBooksOnlineSandbox,
  overrides: Partial<QuickBooksCredentials> = {},
): QuickBooksCredentials {
  return {
    realmId: sandbox.realmId,
    clientId: sandbox.clientId,
    clientSecret: sandbox.clientSecret,
    accessToken: sandbox.initialTokens.accessToken,
    refreshToken: sandbox.initialTokens.refreshToken,
    accessTokenExpiresAt: new Date(Date.now() + sandbox.initialTokens.expiresIn * 1000).toISOString(),
    verifierToken: sandbox.verifierToken,
    baseUrl: sandbox.url,
    tokenUrl: `${sandbox.url}/oauth2/v1/tokens/bearer`,
    ...overrides,
  };
}

/** What the session did, in order: every HTTP call (path and bearer suffix) and every save. */
export type Trace = { events: string[]; saved: QuickBooksCredentials[] };

export function tracedEnv(options: { saveDelayMs?: number } = {}): { env: ConnectorEnv; trace: Trace } {
  const trace: Trace = { events: [], saved: [] };
  const tracingFetch: typeof fetch = (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const auth = new Headers(init?.headers).get("authorization") ?? "";
    trace.events.push(`fetch ${url.pathname} ${auth.startsWith("Bearer ") ? auth.slice(-12) : "basic"}`);
    return fetch(input, init);
  };
  const env: ConnectorEnv = {
    logger: pino({ level: "silent" }),
    allowPrivateUrls: true,
    fetch: tracingFetch,
    async saveCredentials(credentials) {
      await new Promise((resolve) => setTimeout(resolve, options.saveDelayMs ?? 0));
      const saved = credentials as QuickBooksCredentials;
      trace.saved.push(saved);
      trace.events.push(`save ${saved.accessToken.slice(-12)}`);
    },
  };
  return { env, trace };
}

/** Throttles wait 50 ms instead of QuickBooks' 60 s, and transient retries back off fast. */
export const fastRetries = { throttleWaitMs: 50, retry: { baseDelayMs: 5 } };

export function sessionFor(
  sandbox: QuickBooksOnlineSandbox,
  overrides: Partial<QuickBooksCredentials> = {},
): { session: QuickBooksSession; trace: Trace } {
  const { env, trace } = tracedEnv();
  return { session: createQuickBooksSession(credentialsFor(sandbox, overrides), env, fastRetries), trace };
}
