import { z } from "zod";
import { AppError } from "../../lib/errors.ts";
import { checkPlatformUrl } from "../http/url-guard.ts";

export const shopifyPlans = ["standard", "advanced", "plus"] as const;

export const shopifyCredentialsSchema = z.object({
  /** `my-shop.myshopify.com`; with `allowPrivateUrls` (sandboxes) also any http(s) base URL. */
  shopDomain: z
    .string()
    .trim()
    .min(1)
    .max(300)
    .meta({
      title: "Shop domain",
      description: "your-shop.myshopify.com",
      examples: ["your-shop.myshopify.com"],
    }),
  /** Admin API access token (`shpat_…`). */
  accessToken: z
    .string()
    .trim()
    .min(1)
    .max(500)
    .meta({ title: "Admin API access token", description: "shpat_…", format: "password" }),
  /** The app's client secret: signs webhooks. */
  apiSecret: z.string().trim().min(1).max(500).meta({
    title: "API secret key",
    description: "The app's client secret: verifies webhooks",
    format: "password",
  }),
  /** Rate-limit plan; default "standard" (2,000 points at 100/s). */
  plan: z
    .enum(shopifyPlans)
    .meta({ title: "Shopify plan", description: "Sets the rate limits; standard when left out" })
    .optional(),
});
export type ShopifyCredentials = z.infer<typeof shopifyCredentialsSchema>;

const MYSHOPIFY = /^(?:https:\/\/)?([a-z0-9][a-z0-9-]*\.myshopify\.com)\/?$/i;

/** `my-shop.myshopify.com` (lower case) when the shop was paired by its domain, else undefined. */
export function myshopifyDomain(shopDomain: string): string | undefined {
  return MYSHOPIFY.exec(shopDomain.trim())?.[1]?.toLowerCase();
}

/**
 * The shop's base URL. A myshopify domain always becomes `https://<domain>`; any other URL is
 * accepted only when private URLs are allowed (the local sandbox), through the shared SSRF guard.
 */
export function shopBaseUrl(shopDomain: string, allowPrivateUrls: boolean): string {
  const match = MYSHOPIFY.exec(shopDomain.trim());
  if (match)
    return checkPlatformUrl(`https://${(match[1] as string).toLowerCase()}`, allowPrivateUrls).origin;
  if (!allowPrivateUrls) {
    throw new AppError("invalid_data", "invalid_shop_domain", "shopDomain must be a *.myshopify.com domain");
  }
  const url = checkPlatformUrl(shopDomain.trim(), true);
  return `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
}

export function describeShopifyCredentials(credentials: ShopifyCredentials): Record<string, string> {
  const token = credentials.accessToken;
  return {
    shopDomain: credentials.shopDomain,
    accessToken: `…${token.slice(-4)}`,
    plan: credentials.plan ?? "standard",
  };
}
