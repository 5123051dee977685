import type { BigCommerceSandbox } from "../../src/sandboxes/bigcommerce/index.ts";

/** Test-only wiring for the BigCommerce sandbox: its control API over HTTP and its clean SKUs. */

export async function bcControl(
  sandbox: BigCommerceSandbox,
  method: "GET" | "PUT" | "POST" | "DELETE",
  path: string,
  body?: unknown,
): Promise<unknown> {
  const res = await fetch(`${sandbox.url}/_sandbox/${path}`, {
    method,
    ...(body === undefined
      ? {}
      : { body: JSON.stringify(body), headers: { "content-type": "application/json" } }),
  });
  if (!res.ok) throw new Error(`sandbox ${method} ${path}: HTTP ${res.status} ${await res.text()}`);
  return res.status === 204 ? undefined : res.json();
}

/** On-hand units of a SKU at a location (the default one unless named), as the store holds them. */
export function bcStock(sandbox: BigCommerceSandbox, sku: string, locationId = 1): number | undefined {
  const [variant, ...others] = sandbox.store.variantsBySku(sku);
  if (!variant || others.length > 0) return undefined;
  return variant.stock.get(locationId) ?? 0;
}

/** SKUs the hub synchronises as they are: tracked, unique, plain text, not negative. */
export function cleanTrackedSkus(sandbox: BigCommerceSandbox): string[] {
  const counts = new Map<string, number>();
  for (const v of sandbox.store.variants.values()) counts.set(v.sku, (counts.get(v.sku) ?? 0) + 1);
  return [...sandbox.store.variants.values()]
    .filter(
      (v) =>
        /^[A-Za-z0-9-]+$/.test(v.sku) &&
        counts.get(v.sku) === 1 &&
        sandbox.store.productOf(v).tracking !== "none" &&
        (v.stock.get(1) ?? 0) >= 0,
    )
    .map((v) => v.sku);
}

/** Places an order on the store through its control API (sends store/order/created). */
export async function placeBcOrder(
  sandbox: BigCommerceSandbox,
  lines: { sku: string; quantity: number }[],
  extra: { guest?: boolean; status_id?: number } = {},
): Promise<{ id: number }> {
  return (await bcControl(sandbox, "POST", "orders", { lines, ...extra })) as { id: number };
}
