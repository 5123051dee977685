import WooCommerceRestApiModule from "@woocommerce/woocommerce-rest-api";
import type { WooCommerceSandbox } from "../../src/sandboxes/woocommerce/index.ts";

// The package is CommonJS with `exports.default`; loaders differ on whether they unwrap it.
type WooCommerceRestApiClass = typeof WooCommerceRestApiModule.default;
const loaded = WooCommerceRestApiModule as unknown as {
  default?: WooCommerceRestApiClass;
} & WooCommerceRestApiClass;
const WooCommerceRestApi: WooCommerceRestApiClass = loaded.default ?? loaded;

/** WooCommerce's official JS client (OAuth 1.0a over plain HTTP), aimed at the sandbox. */
export function wooClient(
  sandbox: WooCommerceSandbox,
  keys: Partial<{ consumerKey: string; consumerSecret: string }> = {},
) {
  return new WooCommerceRestApi({
    url: sandbox.url,
    consumerKey: keys.consumerKey ?? sandbox.consumerKey,
    consumerSecret: keys.consumerSecret ?? sandbox.consumerSecret,
    version: "wc/v3",
  });
}

/** The status and body of a refused call (the client throws axios errors for non-2xx). */
export async function refusal(
  call: Promise<unknown>,
): Promise<{ status: number; data: unknown; headers: Record<string, string> }> {
  try {
    await call;
  } catch (error) {
    const response = (
      error as { response?: { status: number; data: unknown; headers: Record<string, string> } }
    ).response;
    if (response) return response;
    throw error;
  }
  throw new Error("expected the call to be refused");
}
