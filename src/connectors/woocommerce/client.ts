import { randomBytes } from "node:crypto";
import type { z } from "zod";
import type { ConnectorEnv } from "../contract.ts";
import {
  type ClientStats,
  createPlatformClient,
  hmacSha256,
  PlatformError,
  type Priority,
  perSecondQuota,
  type RetryOptions,
} from "../http/index.ts";
import { restBase, type WooCommerceCredentials } from "./credentials.ts";

/**
 * WooCommerce publishes no limit on `/wc/v3` (platform-apis.md §2.5); hosts may add one and answer
 * 429 with `Retry-After`, which the platform client waits out. The hub keeps itself to a polite
 * 20 requests a second per store so a shared host is not flooded.
 */
const POLITE_REQUESTS_PER_SECOND = 20;

export type WooClientOptions = { timeoutMs?: number; retry?: RetryOptions };

export type WooRequest = {
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  priority: Priority;
};

export type WooPage<T> = { items: T[]; totalPages: number | null };

export type WooClient = {
  /** `path` below `/wp-json/` (e.g. `wc/v3/products`); the answer validated by `schema`. */
  call<T>(method: string, path: string, schema: z.ZodType<T>, request: WooRequest): Promise<T>;
  /** One page of a collection, with `X-WP-TotalPages`. */
  page<T>(path: string, schema: z.ZodType<T[]>, request: WooRequest): Promise<WooPage<T>>;
  stats(): ClientStats;
};

/** RFC 3986 encoding, as OAuth 1.0a signs (encodeURIComponent leaves !'()* alone). */
function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/**
 * One-legged OAuth 1.0a (HMAC-SHA256) in the query, as WooCommerce requires over plain http: a
 * new nonce and timestamp per attempt, the query parameters signed, a JSON body not.
 */
export function oauthSignedUrl(url: URL, method: string, key: string, secret: string, nowMs: number): URL {
  const signed = new URL(url);
  signed.searchParams.set("oauth_consumer_key", key);
  signed.searchParams.set("oauth_nonce", randomBytes(16).toString("hex"));
  signed.searchParams.set("oauth_signature_method", "HMAC-SHA256");
  signed.searchParams.set("oauth_timestamp", String(Math.floor(nowMs / 1000)));
  const params = [...signed.searchParams]
    .map(([n, v]) => [percentEncode(n), percentEncode(v)] as const)
    .sort(([a, av], [b, bv]) => (a === b ? (av < bv ? -1 : 1) : a < b ? -1 : 1))
    .map(([n, v]) => `${n}=${v}`)
    .join("&");
  const base = [method.toUpperCase(), percentEncode(`${url.origin}${url.pathname}`), percentEncode(params)];
  const signature = hmacSha256(`${percentEncode(secret)}&`, base.join("&")).toString("base64");
  signed.searchParams.set("oauth_signature", signature);
  return signed;
}

export function createWooClient(
  credentials: WooCommerceCredentials,
  env: ConnectorEnv,
  options: WooClientOptions = {},
): WooClient {
  const base = restBase(credentials, env.allowPrivateUrls);
  const now = () => (env.now ? env.now().getTime() : Date.now());
  const client = createPlatformClient({
    platform: "woocommerce",
    connectionLabel: base.host,
    budget: perSecondQuota({ requests: POLITE_REQUESTS_PER_SECOND }),
    logger: env.logger,
    allowPrivateUrls: env.allowPrivateUrls,
    ...(env.resolveHost ? { resolveHost: env.resolveHost } : {}),
    ...(env.fetch ? { fetch: env.fetch } : {}),
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.retry ? { retry: options.retry } : {}),
  });
  // Basic auth over https; WooCommerce ignores it over http (core reads it only when is_ssl()).
  const basic = `Basic ${Buffer.from(`${credentials.consumerKey}:${credentials.consumerSecret}`).toString("base64")}`;

  async function send(method: string, path: string, request: WooRequest) {
    const url = new URL(path, base);
    for (const [name, value] of Object.entries(request.query ?? {})) {
      if (value !== undefined) url.searchParams.set(name, String(value));
    }
    const overTls = url.protocol === "https:";
    return client.request({
      method,
      url: url.toString(),
      priority: request.priority,
      headers: {
        accept: "application/json",
        ...(request.body !== undefined ? { "content-type": "application/json" } : {}),
        ...(overTls ? { authorization: basic } : {}),
      },
      ...(request.body !== undefined ? { body: JSON.stringify(request.body) } : {}),
      ...(overTls
        ? {}
        : {
            signAttempt: (target: URL) => ({
              url: oauthSignedUrl(target, method, credentials.consumerKey, credentials.consumerSecret, now()),
            }),
          }),
    });
  }

  function parse<T>(schema: z.ZodType<T>, value: unknown, where: string): T {
    const parsed = schema.safeParse(value);
    if (!parsed.success) {
      throw new PlatformError({
        platform: "woocommerce",
        status: null,
        retryable: false,
        message: `woocommerce ${where}: unexpected answer (${parsed.error.issues[0]?.message ?? "invalid"})`,
        attempts: 1,
      });
    }
    return parsed.data;
  }

  return {
    async call(method, path, schema, request) {
      const res = await send(method, path, request);
      return parse(schema, res.json(), `${method} ${path}`);
    },
    async page(path, schema, request) {
      const res = await send("GET", path, request);
      const total = Number(res.headers.get("x-wp-totalpages"));
      return {
        items: parse(schema, res.json(), `GET ${path}`),
        totalPages: Number.isFinite(total) && res.headers.has("x-wp-totalpages") ? total : null,
      };
    },
    stats: () => client.stats(),
  };
}
