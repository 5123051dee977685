import type { z } from "zod";
import type { ConnectorEnv } from "../contract.ts";
import type { Classify, Priority, RetryOptions } from "../http/index.ts";
import type { ListQuery } from "../kit/listing.ts";
import { createRestClient } from "../kit/rest-client.ts";
import { type BigCommerceCredentials, storeApiBase } from "./credentials.ts";
import { bigCommerceBudget, bigCommerceClassify, bigCommerceSignals } from "./rate-limits.ts";
import { v3List } from "./schemas.ts";

export type BigCommerceClientOptions = {
  /** Per HTTP attempt; default 30 000 ms. */
  timeoutMs?: number;
  retry?: RetryOptions;
};

/** A 422 is the platform's answer about the payload, to be read item by item. */
const acceptRefusal: Classify = (res) => (res.status === 422 ? "ok" : bigCommerceClassify(res));

type Body = Record<string, unknown> | unknown[];
type Method = "POST" | "PUT";

export type BigCommerceClient = ReturnType<typeof createBigCommerceClient>;

/**
 * REST over the kit's client: the store's 30-second window is spent before sending and realigned
 * from `X-Rate-Limit-*` after every answer; a 429 waits for the reported reset, a header-less 429
 * backs off exponentially (rate-limits.ts). Refused tokens name the credentials.
 */
export function createBigCommerceClient(
  credentials: BigCommerceCredentials,
  env: ConnectorEnv,
  options: BigCommerceClientOptions = {},
) {
  const { storeHash } = credentials;
  const rest = createRestClient({
    platform: "bigcommerce",
    displayName: "BigCommerce",
    connectionLabel: storeHash,
    base: storeApiBase(credentials, env.allowPrivateUrls),
    budget: bigCommerceBudget(credentials.quota),
    classify: bigCommerceClassify,
    signals: bigCommerceSignals,
    env,
    timeoutMs: options.timeoutMs ?? 30_000,
    ...(options.retry ? { retry: options.retry } : {}),
    authenticate: () => ({ headers: { "X-Auth-Token": credentials.accessToken } }),
    explain(error, path) {
      if (error.status === 401 || error.status === 403)
        return rest.fail(
          `BigCommerce refused the access token for store ${storeHash} (HTTP ${error.status}); check storeHash and accessToken and the API account's scopes`,
          error.status,
        );
      if (error.status === 404 && path === "/v2/store")
        return rest.fail(`BigCommerce knows no store ${storeHash} (HTTP 404); check storeHash`, 404);
      return undefined;
    },
  });
  return {
    /** GET a JSON resource; `path` starts with `/v2/` or `/v3/`. */
    get: <T>(path: string, schema: z.ZodType<T>, priority: Priority) =>
      rest.call("GET", path, schema, { priority }),
    /** GET a v2 list: its 204 (nothing matched) is an empty list. */
    async list<T>(path: string, schema: z.ZodType<T[]>, priority: Priority): Promise<T[]> {
      const response = await rest.send("GET", path, { priority });
      if (response.status === 204 || response.bodyText.trim() === "") return [];
      return rest.parse(response, schema, `GET ${path}`);
    },
    send: <T>(method: Method, path: string, body: Body, schema: z.ZodType<T>, priority: Priority) =>
      rest.call(method, path, schema, { body, priority }),
    /** Like `send`, but a 422 comes back as an answer (its body names the refused items), not an error. */
    sendAllowingRefusal: (method: Method, path: string, body: Body, priority: Priority) =>
      rest.answer(method, path, { body, priority, classify: acceptRefusal }),
    fail: rest.fail,
    stats: () => rest.stats(),
  };
}

/** `path?query`, the values stringified and absent ones left out. */
export const withQuery = (path: string, query: ListQuery) =>
  `${path}?${new URLSearchParams(
    Object.entries(query).flatMap(([k, v]): [string, string][] => (v === undefined ? [] : [[k, String(v)]])),
  )}`;

/** One page of a v3 collection (`data` and `meta.pagination`), as the kit's `everyPage` and listings read it. */
export async function v3Page<T extends z.ZodTypeAny>(
  client: BigCommerceClient,
  path: string,
  query: ListQuery,
  item: T,
  priority: Priority,
): Promise<{ items: z.infer<T>[]; totalPages: number | null; total?: number }> {
  const answer = await client.get(withQuery(path, query), v3List(item), priority);
  const pagination = answer.meta.pagination;
  return {
    items: answer.data,
    totalPages: pagination?.total_pages ?? null,
    ...(pagination ? { total: pagination.total } : {}),
  };
}
