import type { z } from "zod";
import type { ConnectorEnv } from "../contract.ts";
import {
  type Classify,
  type ClientStats,
  createPlatformClient,
  PlatformError,
  type PlatformResponse,
  type Priority,
  type RetryOptions,
} from "../http/index.ts";
import { bigCommerceBudget, bigCommerceClassify, bigCommerceSignals } from "./rate-limits.ts";

export type BigCommerceClientOptions = {
  /** `{apiUrl}/stores/{storeHash}`. */
  apiBase: string;
  storeHash: string;
  accessToken: string;
  quota?: number;
  env: ConnectorEnv;
  timeoutMs?: number;
  retry?: RetryOptions;
};

/** A 422 is the platform's answer about the payload, to be read item by item. */
const acceptRefusal: Classify = (res) => (res.status === 422 ? "ok" : bigCommerceClassify(res));

type Body = Record<string, unknown> | unknown[];

export type BigCommerceClient = {
  /** GET a JSON resource; `path` starts with `/v2/` or `/v3/`. */
  get<T>(path: string, schema: z.ZodType<T>, priority: Priority): Promise<T>;
  /** GET a v2 list: its 204 (nothing matched) is an empty list. */
  list<T>(path: string, schema: z.ZodType<T[]>, priority: Priority): Promise<T[]>;
  send<T>(
    method: "POST" | "PUT",
    path: string,
    body: Body,
    schema: z.ZodType<T>,
    priority: Priority,
  ): Promise<T>;
  /** Like `send`, but a 422 comes back as an answer (its body names the refused items) instead of an error. */
  sendAllowingRefusal(
    method: "POST" | "PUT",
    path: string,
    body: Body,
    priority: Priority,
  ): Promise<{ status: number; body: unknown }>;
  stats(): ClientStats;
};

/**
 * REST over the shared platform client: the store's 30-second window is spent before sending and
 * realigned from `X-Rate-Limit-*` after every answer; a 429 waits for the reported reset, a
 * header-less 429 backs off exponentially (rate-limits.ts). Refused tokens name the credentials.
 */
export function createBigCommerceClient(options: BigCommerceClientOptions): BigCommerceClient {
  const { env } = options;
  const platform = createPlatformClient({
    platform: "bigcommerce",
    connectionLabel: options.storeHash,
    budget: bigCommerceBudget(options.quota),
    classify: bigCommerceClassify,
    signals: bigCommerceSignals,
    allowPrivateUrls: env.allowPrivateUrls,
    logger: env.logger,
    timeoutMs: options.timeoutMs ?? 30_000,
    ...(options.retry ? { retry: options.retry } : {}),
    ...(env.fetch ? { fetch: env.fetch } : {}),
    ...(env.resolveHost ? { resolveHost: env.resolveHost } : {}),
  });

  const fail = (message: string, status: number | null, bodyText = "") =>
    new PlatformError({ platform: "bigcommerce", status, retryable: false, message, bodyText, attempts: 1 });

  async function request(
    method: string,
    path: string,
    priority: Priority,
    body?: Body,
    classify?: Classify,
  ): Promise<PlatformResponse> {
    try {
      return await platform.request({
        ...(classify ? { classify } : {}),
        method,
        url: `${options.apiBase}${path}`,
        headers: {
          Accept: "application/json",
          "X-Auth-Token": options.accessToken,
          ...(body === undefined ? {} : { "Content-Type": "application/json" }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        priority,
      });
    } catch (error) {
      if (error instanceof PlatformError && (error.status === 401 || error.status === 403)) {
        throw fail(
          `BigCommerce refused the access token for store ${options.storeHash} (HTTP ${error.status}); check storeHash and accessToken and the API account's scopes`,
          error.status,
        );
      }
      if (error instanceof PlatformError && error.status === 404 && path === "/v2/store") {
        throw fail(`BigCommerce knows no store ${options.storeHash} (HTTP 404); check storeHash`, 404);
      }
      throw error;
    }
  }

  function parse<T>(response: PlatformResponse, schema: z.ZodType<T>, path: string): T {
    let json: unknown;
    try {
      json = response.json();
    } catch {
      throw fail(
        `BigCommerce answered ${path} with a body that is not JSON`,
        response.status,
        response.bodyText,
      );
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue ? `${issue.path.join(".")}: ${issue.message}` : "unknown";
      throw fail(`BigCommerce answered ${path} with an unexpected shape (${where})`, response.status);
    }
    return parsed.data;
  }

  return {
    get: async (path, schema, priority) => parse(await request("GET", path, priority), schema, path),
    async list(path, schema, priority) {
      const response = await request("GET", path, priority);
      if (response.status === 204 || response.bodyText.trim() === "") return [];
      return parse(response, schema, path);
    },
    send: async (method, path, body, schema, priority) =>
      parse(await request(method, path, priority, body), schema, path),
    async sendAllowingRefusal(method, path, body, priority) {
      const response = await request(method, path, priority, body, acceptRefusal);
      let json: unknown = null;
      try {
        json = response.json();
      } catch {
        json = null;
      }
      return { status: response.status, body: json };
    },
    stats: () => platform.stats(),
  };
}
