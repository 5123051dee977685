import type { z } from "zod";
import type { ConnectorEnv } from "../contract.ts";
import {
  type Classify,
  type ClientStats,
  createPlatformClient,
  PlatformError,
  type PlatformRequest,
  type PlatformResponse,
  type Priority,
  type RateBudget,
  type ReadSignals,
  type RetryOptions,
} from "../http/index.ts";

/**
 * A JSON REST client over the shared platform client: the base URL, the platform's authentication,
 * query strings, JSON bodies, answers validated with zod at the edge. A connector gives its budget,
 * classifier and rate reader; what is left in its own `client.ts` is how it authenticates.
 */
export type RestClientOptions = {
  platform: string;
  /** The platform's name in messages ("BigCommerce"). */
  displayName: string;
  /** Non-secret name of the connection for the log (store hash, host). */
  connectionLabel: string;
  /** Every path is appended to it as it is (`…/wp-json/` + `wc/v3/products`). */
  base: string;
  budget: RateBudget;
  env: ConnectorEnv;
  classify?: Classify;
  signals?: ReadSignals;
  timeoutMs?: number;
  retry?: RetryOptions;
  /** Authentication for one request: headers, or a signature made anew for every attempt. */
  authenticate(url: URL, method: string): Pick<PlatformRequest, "headers" | "signAttempt">;
  /** The connector's own error for one the platform answered (refused credentials …), if any. */
  explain?(error: PlatformError, path: string): Error | undefined;
};

export type RestRequest = {
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  priority: Priority;
  /** This call's verdict (e.g. a 422 to read item by item instead of an error). */
  classify?: Classify;
};

export type RestClient = {
  /** The answer validated by `schema`. */
  call<T>(method: string, path: string, schema: z.ZodType<T>, request: RestRequest): Promise<T>;
  /** The answer as it came: its status and headers matter (pages, refusals read item by item). */
  send(method: string, path: string, request: RestRequest): Promise<PlatformResponse>;
  /** The answer's status and JSON body (null when empty or not JSON), for answers read whatever they say. */
  answer(method: string, path: string, request: RestRequest): Promise<{ status: number; body: unknown }>;
  /** The body of `response` validated by `schema`; not JSON or the wrong shape is a final error. */
  parse<T>(response: PlatformResponse, schema: z.ZodType<T>, where: string): T;
  fail(message: string, status: number | null, bodyText?: string): PlatformError;
  stats(): ClientStats;
};

export function createRestClient(options: RestClientOptions): RestClient {
  const { env } = options;
  const client = createPlatformClient({
    platform: options.platform,
    connectionLabel: options.connectionLabel,
    budget: options.budget,
    logger: env.logger,
    allowPrivateUrls: env.allowPrivateUrls,
    ...(options.classify ? { classify: options.classify } : {}),
    ...(options.signals ? { signals: options.signals } : {}),
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.retry ? { retry: options.retry } : {}),
    ...(env.fetch ? { fetch: env.fetch } : {}),
    ...(env.resolveHost ? { resolveHost: env.resolveHost } : {}),
  });
  const fail = (message: string, status: number | null, bodyText = "") =>
    new PlatformError({
      platform: options.platform,
      status,
      retryable: false,
      message,
      bodyText,
      attempts: 1,
    });

  async function send(method: string, path: string, request: RestRequest): Promise<PlatformResponse> {
    const url = new URL(`${options.base}${path}`);
    for (const [name, value] of Object.entries(request.query ?? {})) {
      if (value !== undefined) url.searchParams.set(name, String(value));
    }
    const auth = options.authenticate(url, method);
    try {
      return await client.request({
        method,
        url: url.toString(),
        priority: request.priority,
        ...(request.classify ? { classify: request.classify } : {}),
        headers: {
          accept: "application/json",
          ...(request.body !== undefined ? { "content-type": "application/json" } : {}),
          ...auth.headers,
        },
        ...(request.body !== undefined ? { body: JSON.stringify(request.body) } : {}),
        ...(auth.signAttempt ? { signAttempt: auth.signAttempt } : {}),
      });
    } catch (error) {
      const own = error instanceof PlatformError ? options.explain?.(error, path) : undefined;
      throw own ?? error;
    }
  }

  function parse<T>(response: PlatformResponse, schema: z.ZodType<T>, where: string): T {
    let json: unknown;
    try {
      json = response.json();
    } catch {
      throw fail(
        `${options.displayName} answered ${where} with a body that is not JSON`,
        response.status,
        response.bodyText,
      );
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const what = issue ? `${issue.path.join(".")}: ${issue.message}` : "invalid";
      throw fail(
        `${options.displayName} answered ${where} with an unexpected shape (${what})`,
        response.status,
      );
    }
    return parsed.data;
  }

  return {
    call: async (method, path, schema, request) =>
      parse(await send(method, path, request), schema, `${method} ${path}`),
    send,
    async answer(method, path, request) {
      const response = await send(method, path, request);
      try {
        return { status: response.status, body: response.json() };
      } catch {
        return { status: response.status, body: null };
      }
    },
    parse,
    fail,
    stats: () => client.stats(),
  };
}
