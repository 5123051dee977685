import type { z } from "zod";
import type { ConnectorEnv } from "../contract.ts";
import {
  type Classify,
  type ClientStats,
  createPlatformClient,
  PlatformError,
  type Priority,
  type RetryOptions,
} from "../http/index.ts";
import { estimateCost } from "./cost.ts";
import { type GraphqlEnvelopeError, graphqlEnvelopeSchema } from "./envelope.ts";
import {
  SHOPIFY_MAX_QUERY_COST,
  shopifyGraphqlBudget,
  shopifyGraphqlClassify,
  shopifyGraphqlSignals,
} from "./rate-limits.ts";

/** The Admin API version every document here is written for (the sandbox serves only this one). */
export const SHOPIFY_API_VERSION = "2026-04";

export type GraphqlClientOptions = {
  /** The shop's base URL (`https://x.myshopify.com`, or the sandbox's). */
  baseUrl: string;
  shopLabel: string;
  accessToken: string;
  plan: "standard" | "advanced" | "plus";
  env: ConnectorEnv;
  /** Per attempt; default 30 000 ms. */
  timeoutMs?: number;
  retry?: RetryOptions;
};

export type GraphqlClient = {
  /** Runs one document and validates `data` with `schema`; any GraphQL error is a PlatformError. */
  run<T>(
    document: string,
    variables: Record<string, unknown>,
    schema: z.ZodType<T>,
    priority: Priority,
  ): Promise<T>;
  /**
   * Like `run`, but fields the app may not read (ACCESS_DENIED on a field inside `data`, as for
   * protected customer data without approval) come back null and are named in `withheld`.
   */
  runPartial<T>(
    document: string,
    variables: Record<string, unknown>,
    schema: z.ZodType<T>,
    priority: Priority,
  ): Promise<{ data: T; withheld: string[] }>;
  /** A plain GET through the same client (bulk-operation JSONL downloads); budget cost 0. */
  download(url: string, priority: Priority): Promise<string>;
  stats(): ClientStats;
};

/** Shopify answers an internal hiccup with HTTP 200 and INTERNAL_SERVER_ERROR: worth repeating. */
const classify: Classify = (res) => {
  const verdict = shopifyGraphqlClassify(res);
  if (verdict === "ok" && res.status === 200 && res.bodyText.includes('"INTERNAL_SERVER_ERROR"')) {
    const envelope = graphqlEnvelopeSchema.safeParse(safeJson(res.bodyText));
    const codes = envelope.success ? (envelope.data.errors ?? []).map((error) => error.extensions?.code) : [];
    if (codes.includes("INTERNAL_SERVER_ERROR")) return "retry";
  }
  return verdict;
};

/** A field inside `data` the app may not read; the rest of the answer stands. */
function isDeniedField(error: GraphqlEnvelopeError): boolean {
  return error.extensions?.code === "ACCESS_DENIED" && (error.path?.length ?? 0) > 1;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * GraphQL Admin over the shared platform client: the estimated requested cost is taken from the
 * shop's cost budget before sending, `actualQueryCost` settles it and `throttleStatus` corrects it
 * after every response (shopifyGraphqlSignals); THROTTLED answers wait and retry inside the client.
 */
export function createGraphqlClient(options: GraphqlClientOptions): GraphqlClient {
  const { env } = options;
  const endpoint = `${options.baseUrl}/admin/api/${SHOPIFY_API_VERSION}/graphql.json`;
  const platform = createPlatformClient({
    platform: "shopify",
    connectionLabel: options.shopLabel,
    budget: shopifyGraphqlBudget(options.plan),
    classify,
    signals: shopifyGraphqlSignals,
    allowPrivateUrls: env.allowPrivateUrls,
    logger: env.logger,
    timeoutMs: options.timeoutMs ?? 30_000,
    ...(options.retry ? { retry: options.retry } : {}),
    ...(env.fetch ? { fetch: env.fetch } : {}),
    ...(env.resolveHost ? { resolveHost: env.resolveHost } : {}),
  });

  const fail = (message: string, status: number | null, bodyText = "") =>
    new PlatformError({ platform: "shopify", status, retryable: false, message, bodyText, attempts: 1 });

  async function send(body: string, cost: number, priority: Priority) {
    try {
      return await platform.request({
        method: "POST",
        url: endpoint,
        headers: {
          "Content-Type": "application/json",
          Accept: "application/json",
          "X-Shopify-Access-Token": options.accessToken,
        },
        body,
        cost,
        priority,
      });
    } catch (error) {
      if (error instanceof PlatformError && (error.status === 401 || error.status === 403)) {
        throw fail(
          `Shopify refused the access token for ${options.shopLabel} (HTTP ${error.status}); check the token and its scopes`,
          error.status,
        );
      }
      throw error;
    }
  }

  async function execute<T>(
    document: string,
    variables: Record<string, unknown>,
    schema: z.ZodType<T>,
    priority: Priority,
    allowDenied: boolean,
  ): Promise<{ data: T; withheld: string[] }> {
    const cost = estimateCost(document, variables);
    if (cost > SHOPIFY_MAX_QUERY_COST) {
      throw fail(
        `Query cost ${cost} exceeds Shopify's single-query limit of ${SHOPIFY_MAX_QUERY_COST}`,
        null,
      );
    }
    const response = await send(JSON.stringify({ query: document, variables }), cost, priority);
    const envelope = graphqlEnvelopeSchema.safeParse(safeJson(response.bodyText));
    if (!envelope.success)
      throw fail(
        "Shopify answered with a body that is not a GraphQL response",
        response.status,
        response.bodyText,
      );
    const all = envelope.data.errors ?? [];
    const denied = allowDenied && envelope.data.data != null ? all.filter(isDeniedField) : [];
    const errors = all.filter((error) => !denied.includes(error));
    if (errors.length > 0) {
      const summary = errors
        .map((error) => `${error.extensions?.code ?? "ERROR"}: ${error.message}`)
        .join("; ");
      throw fail(`Shopify GraphQL error: ${summary}`, response.status, response.bodyText);
    }
    const data = schema.safeParse(envelope.data.data);
    if (!data.success) {
      const issue = data.error.issues[0];
      const where = issue ? `${issue.path.join(".")}: ${issue.message}` : "unknown";
      throw fail(`Shopify answered with an unexpected shape (${where})`, response.status);
    }
    const withheld = [...new Set(denied.map((error) => String(error.path?.at(-1))))];
    return { data: data.data, withheld };
  }

  return {
    run: async (document, variables, schema, priority) =>
      (await execute(document, variables, schema, priority, false)).data,
    runPartial: (document, variables, schema, priority) =>
      execute(document, variables, schema, priority, true),
    async download(url, priority) {
      const response = await platform.request({ method: "GET", url, cost: 0, priority });
      return response.bodyText;
    },
    stats: () => platform.stats(),
  };
}
