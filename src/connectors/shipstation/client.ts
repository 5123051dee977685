import type { z } from "zod";
import type { ConnectorEnv } from "../contract.ts";
import {
  classifyByStatus,
  type Priority,
  type RetryOptions,
  rateHeaderSignals,
  retryUnreportedThrottle,
  windowBudget,
} from "../http/index.ts";
import { createRestClient } from "../kit/rest-client.ts";
import { type ShipStationCredentials, shipStationApiBase } from "./credentials.ts";

/** 40 requests a minute per API key pair (platform-apis.md §6), reported on every answer. */
export const SHIPSTATION_REQUESTS_PER_MINUTE = 40;
const REMAINING = "X-Rate-Limit-Remaining";

export type ShipStationClientOptions = { timeoutMs?: number; retry?: RetryOptions };
export type ShipStationClient = ReturnType<typeof createShipStationClient>;

/**
 * REST over the kit's client with Basic auth (key as user, secret as password). The minute's 40
 * requests are a fixed window spent before sending and realigned from `X-Rate-Limit-*` after each
 * answer; a 429 waits the reported `X-Rate-Limit-Reset` seconds — through the engine's deferral
 * when the wait is longer than the caller may hold a worker (`withWaitLimit`).
 */
export function createShipStationClient(
  credentials: ShipStationCredentials,
  env: ConnectorEnv,
  options: ShipStationClientOptions = {},
) {
  const base = shipStationApiBase(credentials, env.allowPrivateUrls);
  const basic = `Basic ${Buffer.from(`${credentials.apiKey}:${credentials.apiSecret}`).toString("base64")}`;
  const rest = createRestClient({
    platform: "shipstation",
    displayName: "ShipStation",
    connectionLabel: `key …${credentials.apiKey.slice(-4)}`,
    base,
    budget: windowBudget({ requests: SHIPSTATION_REQUESTS_PER_MINUTE, windowSeconds: 60 }),
    classify: retryUnreportedThrottle(REMAINING, classifyByStatus),
    signals: rateHeaderSignals({
      remaining: REMAINING,
      limit: "X-Rate-Limit-Limit",
      reset: "X-Rate-Limit-Reset",
      windowSeconds: 60,
      timeUnit: "s",
    }),
    env,
    timeoutMs: options.timeoutMs ?? 30_000,
    ...(options.retry ? { retry: options.retry } : {}),
    authenticate: () => ({ headers: { authorization: basic } }),
    explain(error) {
      if (error.status === 401 || error.status === 403)
        return rest.fail(
          `ShipStation refused the API key and secret (HTTP ${error.status}); check both under Settings → Account → API Settings`,
          error.status,
        );
      return undefined;
    },
  });
  return {
    base,
    get: <T>(path: string, schema: z.ZodType<T>, priority: Priority) =>
      rest.call("GET", path, schema, { priority }),
    post: <T>(path: string, body: unknown, schema: z.ZodType<T>, priority: Priority) =>
      rest.call("POST", path, schema, { body, priority }),
    delete: (path: string, priority: Priority) => rest.send("DELETE", path, { priority }),
    fail: rest.fail,
    stats: () => rest.stats(),
  };
}
