import type { z } from "zod";
import type { ConnectorEnv } from "../contract.ts";
import { oauth1SignedUrl, perSecondQuota, type RetryOptions } from "../http/index.ts";
import { createRestClient, type RestClient, type RestRequest } from "../kit/rest-client.ts";
import { restBase, type WooCommerceCredentials } from "./credentials.ts";

/**
 * WooCommerce publishes no limit on `/wc/v3` (platform-apis.md §2.5); hosts may add one and answer
 * 429 with `Retry-After`, which the platform client waits out. The hub keeps itself to a polite
 * 20 requests a second per store so a shared host is not flooded.
 */
export const POLITE_REQUESTS_PER_SECOND = 20;

export type WooClientOptions = { timeoutMs?: number; retry?: RetryOptions };
export type WooPage<T> = { items: T[]; totalPages: number | null };
export type WooClient = RestClient & {
  /** One page of a collection, with `X-WP-TotalPages`. */
  page<T>(path: string, schema: z.ZodType<T[]>, request: RestRequest): Promise<WooPage<T>>;
};

/** Paths are below `/wp-json/` (e.g. `wc/v3/products`). */
export function createWooClient(
  credentials: WooCommerceCredentials,
  env: ConnectorEnv,
  options: WooClientOptions = {},
): WooClient {
  const base = restBase(credentials, env.allowPrivateUrls);
  const now = () => (env.now ? env.now().getTime() : Date.now());
  const { consumerKey: key, consumerSecret: secret } = credentials;
  const basic = `Basic ${Buffer.from(`${key}:${secret}`).toString("base64")}`;
  const client = createRestClient({
    platform: "woocommerce",
    displayName: "WooCommerce",
    connectionLabel: base.host,
    base: base.toString(),
    budget: perSecondQuota({ requests: POLITE_REQUESTS_PER_SECOND }),
    env,
    ...options,
    // Basic auth over https; WooCommerce ignores it over http (core reads it only when is_ssl()),
    // where it takes one-legged OAuth 1.0a, signed anew for every attempt.
    authenticate: (url, method) =>
      url.protocol === "https:"
        ? { headers: { authorization: basic } }
        : { signAttempt: (target) => ({ url: oauth1SignedUrl(target, method, key, secret, now()) }) },
  });
  return {
    ...client,
    async page(path, schema, request) {
      const res = await client.send("GET", path, request);
      const total = Number(res.headers.get("x-wp-totalpages"));
      return {
        items: client.parse(res, schema, `GET ${path}`),
        totalPages: Number.isFinite(total) && res.headers.has("x-wp-totalpages") ? total : null,
      };
    },
  };
}
