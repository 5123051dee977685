import { z } from "zod";
import { AppError } from "../../lib/errors.ts";
import { checkPlatformUrl } from "../http/index.ts";

/** BigCommerce's API host; a sandbox replaces it through `apiUrl` (private URLs allowed only). */
export const BIGCOMMERCE_API_URL = "https://api.bigcommerce.com";

export const bigCommerceCredentialsSchema = z.object({
  /** The `{store_hash}` of `stores/{store_hash}` (letters and digits). */
  storeHash: z
    .string()
    .trim()
    .regex(/^[a-z0-9]{1,40}$/i, "storeHash is the store's hash: letters and digits")
    .meta({
      title: "Store hash",
      description: "The {store_hash} in api.bigcommerce.com/stores/{store_hash}",
    }),
  /** A store-level API account's access token (X-Auth-Token). */
  accessToken: z
    .string()
    .trim()
    .min(1)
    .max(500)
    .meta({ title: "API account access token", format: "password" }),
  /** The app's client secret: the key of `webhook-signature` (Standard Webhooks). Optional. */
  clientSecret: z
    .string()
    .trim()
    .min(1)
    .max(500)
    .meta({
      title: "Client secret",
      description:
        "Verifies webhook-signature; without it, webhooks are checked by the secret header the hub sets on its hooks",
      format: "password",
    })
    .optional(),
  /** Stands in for https://api.bigcommerce.com (sandboxes, with private URLs allowed). */
  apiUrl: z
    .string()
    .trim()
    .min(1)
    .max(300)
    .meta({ title: "API URL", description: "Leave empty for https://api.bigcommerce.com (sandboxes only)" })
    .optional(),
  /** Requests per 30-second window on the store's plan: 150 (Standard, Plus) or 450 (Pro). */
  quota: z
    .number()
    .int()
    .positive()
    .max(100_000)
    .meta({ title: "Requests per 30 s", description: "150 (Standard, Plus) or 450 (Pro); 150 when left out" })
    .optional(),
});
export type BigCommerceCredentials = z.infer<typeof bigCommerceCredentialsSchema>;

/** `{apiUrl}/stores/{storeHash}`: append `/v2/…` or `/v3/…`. */
export function storeApiBase(credentials: BigCommerceCredentials, allowPrivateUrls: boolean): string {
  if (credentials.apiUrl && credentials.apiUrl !== BIGCOMMERCE_API_URL && !allowPrivateUrls) {
    throw new AppError(
      "invalid_data",
      "invalid_api_url",
      "apiUrl is for sandboxes only; leave it out to use https://api.bigcommerce.com",
    );
  }
  const url = checkPlatformUrl(credentials.apiUrl ?? BIGCOMMERCE_API_URL, allowPrivateUrls);
  return `${url.origin}${url.pathname.replace(/\/+$/, "")}/stores/${credentials.storeHash}`;
}

export function describeBigCommerceCredentials(credentials: BigCommerceCredentials): Record<string, string> {
  return {
    storeHash: credentials.storeHash,
    accessToken: `…${credentials.accessToken.slice(-4)}`,
    webhookSignature: credentials.clientSecret ? "Standard Webhooks (client secret)" : "custom header secret",
    ...(credentials.apiUrl ? { apiUrl: credentials.apiUrl } : {}),
  };
}
