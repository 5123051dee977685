import type { BigCommerceSandbox } from "../../src/sandboxes/bigcommerce/index.ts";
import { sandboxControl } from "./channel-sandbox.ts";

/** Test-only wiring for the BigCommerce sandbox: its API as a connector calls it, and its clean SKUs. */

export interface ApiAnswer<T = unknown> {
  readonly status: number;
  readonly headers: Headers;
  /** Parsed JSON; null for an empty body (v2's 204). */
  readonly body: T;
}

/** Calls the sandbox's API under `/stores/{hash}` with its access token, as a connector would. */
export async function bcApi<T = unknown>(
  sandbox: BigCommerceSandbox,
  method: string,
  path: string,
  body?: unknown,
  token = sandbox.accessToken,
): Promise<ApiAnswer<T>> {
  const response = await fetch(`${sandbox.apiBase}${path}`, {
    method,
    headers: {
      "X-Auth-Token": token,
      Accept: "application/json",
      ...(body === undefined ? {} : { "Content-Type": "application/json" }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: (text === "" ? null : JSON.parse(text)) as T,
  };
}

/** The sandbox's control API (the shared helper, under the name BigCommerce tests know). */
export const bcControl = sandboxControl;

/** On-hand units of a SKU at a location (the default one unless named), as the store holds them. */
export function bcStock(sandbox: BigCommerceSandbox, sku: string, locationId = 1): number | undefined {
  const [variant, ...others] = sandbox.store.itemsBySku(sku);
  if (!variant || others.length > 0) return undefined;
  return variant.stock.get(locationId) ?? 0;
}

/** SKUs the hub synchronises as they are: tracked, unique, plain text, not negative. */
export function cleanTrackedSkus(sandbox: BigCommerceSandbox): string[] {
  const counts = new Map<string, number>();
  for (const v of sandbox.store.items.values()) counts.set(v.sku, (counts.get(v.sku) ?? 0) + 1);
  return [...sandbox.store.items.values()]
    .filter(
      (v) =>
        /^[A-Za-z0-9-]+$/.test(v.sku) && counts.get(v.sku) === 1 && v.tracked && (v.stock.get(1) ?? 0) >= 0,
    )
    .map((v) => v.sku);
}

/** Places an order on the store through its control API (sends store/order/created). */
export async function placeBcOrder(
  sandbox: BigCommerceSandbox,
  lines: { sku: string; quantity: number }[],
  extra: { guest?: boolean; status_id?: number } = {},
): Promise<{ id: number }> {
  return sandboxControl<{ id: number }>(sandbox, "POST", "orders", { lines, ...extra });
}
