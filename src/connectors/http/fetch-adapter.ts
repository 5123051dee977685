import type { Classify } from "./classify.ts";
import type { PlatformClient } from "./platform-client.ts";
import type { Priority } from "./rate-budget.ts";

/** The subset of `fetch`'s init that official platform clients send (e.g. `@shopify/admin-api-client`). */
export type FetchLikeInit = {
  method?: string;
  headers?: Headers | Record<string, string | readonly string[]>;
  body?: string | null;
};

/** Statuses whose Response may not carry a body (the Response constructor throws otherwise). */
const bodiless = new Set([101, 204, 205, 304]);

/**
 * A `fetch` look-alike that routes an official client's calls through the platform client, so
 * they share the connection's budget, retries, timeouts and logging. Pass it as the official
 * client's custom fetch (`customFetchApi` for Shopify) and turn that client's own retries off.
 * Final failures reject with PlatformError rather than resolving with the failed response.
 */
export function platformFetch(
  client: PlatformClient,
  call: {
    priority: Priority;
    cost?: number;
    classify?: Classify;
    /**
     * Rewrites the URL the official client built; default none. `@shopify/admin-api-client` forces
     * `https://` onto its store domain, so a connector pointed at an http sandbox rewrites it back.
     */
    rewriteUrl?: (url: string) => string;
  },
): (url: string, init?: FetchLikeInit) => Promise<Response> {
  const { rewriteUrl, ...request } = call;
  return async (url, init = {}) => {
    const headers: Record<string, string> = {};
    new Headers(flattenHeaders(init.headers)).forEach((value, name) => {
      headers[name] = value;
    });
    const res = await client.request({
      method: init.method ?? "GET",
      url: rewriteUrl ? rewriteUrl(url) : url,
      headers,
      ...(typeof init.body === "string" ? { body: init.body } : {}),
      ...request,
    });
    return new Response(bodiless.has(res.status) ? null : res.bodyText, {
      status: res.status,
      headers: res.headers,
    });
  };
}

function flattenHeaders(headers: FetchLikeInit["headers"]): Headers | [string, string][] {
  if (headers === undefined) return [];
  if (headers instanceof Headers) return headers;
  return Object.entries(headers).map(([name, value]): [string, string] => [
    name,
    typeof value === "string" ? value : value.join(", "),
  ]);
}
