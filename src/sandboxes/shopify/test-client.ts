import type { ShopifySandbox } from "./index.ts";

/** The JSON body of a GraphQL response; callers state the `data` shape they expect. */
export interface GraphqlBody<TData = unknown> {
  readonly data?: TData;
  readonly errors?: readonly { message: string; extensions?: Record<string, unknown>; path?: unknown[] }[];
  readonly extensions?: {
    cost: {
      requestedQueryCost: number;
      actualQueryCost: number | null;
      throttleStatus: { maximumAvailable: number; currentlyAvailable: number; restoreRate: number };
    };
    search?: unknown[];
  };
}

/** Posts a GraphQL document to a sandbox the way a Shopify client would (for tests and scripts). */
export async function postGraphql<TData = unknown>(
  sandbox: Pick<ShopifySandbox, "graphqlUrl" | "accessToken">,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<GraphqlBody<TData>> {
  const response = await fetch(sandbox.graphqlUrl, {
    method: "POST",
    headers: { "Content-Type": "application/json", "X-Shopify-Access-Token": sandbox.accessToken },
    body: JSON.stringify({ query, variables }),
  });
  if (response.status !== 200) throw new Error(`GraphQL HTTP ${response.status}: ${await response.text()}`);
  return (await response.json()) as GraphqlBody<TData>;
}
