import type { ConnectorEnv } from "../contract.ts";
import {
  type Classify,
  type ClientStats,
  createPlatformClient,
  PlatformError,
  type Priority,
  type ReadSignals,
  type RetryOptions,
} from "../http/index.ts";
import { createQuickBooksClients, type QuickBooksClients } from "./clients.ts";
import { type QuickBooksCredentials, resolveEndpoints } from "./credentials.ts";
import { faultFrom, isAuthenticationFailure, safeFault } from "./faults.ts";
import { createTokenManager } from "./oauth.ts";
import { quickBooksSignals } from "./rate-limits.ts";

export const PLATFORM = "quickbooks-online";

export type QboClientOptions = {
  /** Per HTTP attempt; default 30 000 ms. */
  timeoutMs?: number;
  retry?: RetryOptions;
  /** Wait after a 429 that names no `Retry-After`; default 60 000 ms as Intuit asks (§7.5). */
  throttleWaitMs?: number;
  /** The hub's limits per realm, shared with its other sessions; default limits of this client alone. */
  clients?: QuickBooksClients;
};

export type QboClient = {
  readonly realmId: string;
  /** GET `/v3/company/{realmId}/{path}`; returns the parsed body. */
  get(path: string, params: Record<string, string>, priority: Priority): Promise<unknown>;
  /**
   * POST with `requestid` — the same id for every attempt of one logical write, so QuickBooks
   * answers a repeat with the first result instead of doing the work twice.
   */
  post(
    path: string,
    body: unknown,
    options: { requestId: string; params?: Record<string, string>; priority: Priority; batch?: boolean },
  ): Promise<unknown>;
  stats(): ClientStats;
  credentials(): QuickBooksCredentials;
};

/** 429 is a throttle; so is the historic 403 carrying Fault 3001 (ThrottleExceeded). Other 4xx are read here. */
const classify: Classify = (res) => {
  if (res.status === 429) return "throttled";
  if (res.status >= 400 && res.status < 500 && res.bodyText.includes("ThrottleExceeded")) return "throttled";
  if (res.status === 408 || res.status >= 500) return "retry";
  return "ok";
};

export function createQboClient(
  credentials: QuickBooksCredentials,
  env: ConnectorEnv,
  options: QboClientOptions = {},
): QboClient {
  const endpoints = resolveEndpoints(credentials, env.allowPrivateUrls);
  const clients = options.clients ?? createQuickBooksClients();
  const limits = clients.limitsFor(`${endpoints.apiBase}|${credentials.realmId}`);
  const throttleWaitMs = options.throttleWaitMs ?? 60_000;
  const signals: ReadSignals = (res) => {
    const read = quickBooksSignals(res);
    if (read?.retryAfterMs !== undefined) return { ...read, retryAfterMs: throttleWaitMs };
    if (classify(res) === "throttled" && res.status !== 429) return { retryAfterMs: throttleWaitMs };
    return read;
  };
  const platform = createPlatformClient({
    platform: PLATFORM,
    connectionLabel: credentials.realmId,
    budget: limits.budget,
    concurrency: limits.concurrency,
    classify,
    signals,
    allowPrivateUrls: env.allowPrivateUrls,
    logger: env.logger,
    timeoutMs: options.timeoutMs ?? 30_000,
    ...(options.retry ? { retry: options.retry } : {}),
    ...(env.fetch ? { fetch: env.fetch } : {}),
    ...(env.resolveHost ? { resolveHost: env.resolveHost } : {}),
  });
  const tokens = createTokenManager(credentials, endpoints.tokenUrl, platform, env);
  const companyBase = `${endpoints.apiBase}/v3/company/${credentials.realmId}`;

  function urlFor(path: string, params: Record<string, string>, requestId?: string): string {
    const url = new URL(`${companyBase}/${path}`);
    for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
    url.searchParams.set("minorversion", String(endpoints.minorVersion));
    if (requestId !== undefined) url.searchParams.set("requestid", requestId);
    return url.toString();
  }

  async function send(method: "GET" | "POST", url: string, body: string | undefined, priority: Priority) {
    let token = await tokens.accessToken();
    for (let attempt = 0; ; attempt++) {
      const res = await platform.request({
        method,
        url,
        headers: {
          Authorization: `Bearer ${token}`,
          Accept: "application/json",
          ...(body !== undefined ? { "Content-Type": "application/json" } : {}),
        },
        ...(body !== undefined ? { body } : {}),
        priority,
      });
      if (attempt === 0 && isAuthenticationFailure(res.status, res.bodyText)) {
        token = await tokens.refreshAfterRejection(token);
        continue;
      }
      return readBody(res.status, res.bodyText);
    }
  }

  return {
    realmId: credentials.realmId,
    get: (path, params, priority) => send("GET", urlFor(path, params), undefined, priority),
    async post(path, body, postOptions) {
      if (postOptions.batch) await limits.batchBudget.take(1, postOptions.priority);
      const url = urlFor(path, postOptions.params ?? {}, postOptions.requestId);
      return send("POST", url, JSON.stringify(body), postOptions.priority);
    },
    stats: () => platform.stats(),
    credentials: () => tokens.current(),
  };
}

/** A 2xx body parsed, or the Fault it carries thrown as a QboFaultError. */
function readBody(status: number, bodyText: string): unknown {
  if (status >= 400) {
    const fault = safeFault(bodyText, status);
    if (fault) throw fault;
    throw new PlatformError({
      platform: PLATFORM,
      status,
      retryable: false,
      message: `QuickBooks answered HTTP ${status}`,
      bodyText,
      attempts: 1,
    });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(bodyText);
  } catch {
    throw new PlatformError({
      platform: PLATFORM,
      status,
      retryable: false,
      message: "QuickBooks answered with a body that is not JSON",
      bodyText,
      attempts: 1,
    });
  }
  const fault = faultFrom(parsed, status);
  if (fault) throw fault;
  return parsed;
}
