import { z } from "zod";
import { AppError } from "../../lib/errors.ts";
import { checkPlatformUrl } from "../http/index.ts";

/** Intuit's production data-service host (§7.1). */
export const PRODUCTION_API_BASE = "https://quickbooks.api.intuit.com";
/** Intuit's OAuth 2 token endpoint: authorization-code and refresh grants (§7.1). */
export const PRODUCTION_TOKEN_URL = "https://oauth.platform.intuit.com/oauth2/v1/tokens/bearer";
/** Minor versions 1–74 were retired on 1 Aug 2025 (§7.2). */
export const DEFAULT_MINOR_VERSION = 75;

export const quickBooksCredentialsSchema = z.object({
  /** The company (realm) id Intuit returns with the authorization code. */
  realmId: z
    .string()
    .trim()
    .regex(/^\d{1,32}$/, "realmId must be the numeric company id")
    .meta({ title: "Company (realm) id", description: "Digits only" }),
  clientId: z.string().trim().min(1).max(200).meta({ title: "Client id" }),
  clientSecret: z.string().trim().min(1).max(200).meta({ title: "Client secret", format: "password" }),
  accessToken: z.string().trim().min(1).max(5000).meta({ title: "Access token", format: "password" }),
  refreshToken: z.string().trim().min(1).max(1000).meta({ title: "Refresh token", format: "password" }),
  /** When the access token stops working (ISO 8601). */
  accessTokenExpiresAt: z.iso
    .datetime({ offset: true })
    .meta({ title: "Access token expires at", description: "ISO 8601, e.g. 2026-01-31T12:00:00Z" }),
  /** When the refresh token stops working (ISO 8601); unknown when absent. */
  refreshTokenExpiresAt: z.iso
    .datetime({ offset: true })
    .meta({ title: "Refresh token expires at", description: "ISO 8601; unknown when left out" })
    .optional(),
  /** Signs webhooks (`intuit-signature`); webhooks are refused without it. */
  verifierToken: z
    .string()
    .min(1)
    .max(500)
    .meta({
      title: "Webhook verifier token",
      description: "Without it, webhooks are refused",
      format: "password",
    })
    .optional(),
  /** API base; default production. Any other URL only in sandbox mode (allowPrivateUrls). */
  baseUrl: z
    .string()
    .trim()
    .max(500)
    .meta({ title: "API base URL", description: "Leave empty for Intuit production (sandboxes only)" })
    .optional(),
  /** OAuth token endpoint; default Intuit's. Any other URL only in sandbox mode. */
  tokenUrl: z
    .string()
    .trim()
    .max(500)
    .meta({ title: "Token URL", description: "Leave empty for Intuit's (sandboxes only)" })
    .optional(),
  /** `minorversion` sent on every call; default 75 (the lowest still supported). */
  minorVersion: z
    .number()
    .int()
    .min(75)
    .max(999)
    .meta({ title: "API minor version", description: "75 when left out" })
    .optional(),
});
export type QuickBooksCredentials = z.infer<typeof quickBooksCredentialsSchema>;

export type ResolvedEndpoints = { apiBase: string; tokenUrl: string; minorVersion: number };

/**
 * The URLs a session calls. Intuit's own hosts are always allowed; a custom `baseUrl` / `tokenUrl`
 * (the local sandbox) only when private URLs are allowed, so a merchant cannot aim the hub at an
 * arbitrary host (SSRF). Both go through the shared guard.
 */
export function resolveEndpoints(
  credentials: QuickBooksCredentials,
  allowPrivateUrls: boolean,
): ResolvedEndpoints {
  const pick = (value: string | undefined, fallback: string, field: string): string => {
    if (value === undefined || value === fallback) return fallback;
    if (!allowPrivateUrls) {
      throw customUrlRefused(field);
    }
    const url = checkPlatformUrl(value, true);
    return `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
  };
  return {
    apiBase: pick(credentials.baseUrl, PRODUCTION_API_BASE, "baseUrl"),
    tokenUrl: pick(credentials.tokenUrl, PRODUCTION_TOKEN_URL, "tokenUrl"),
    minorVersion: credentials.minorVersion ?? DEFAULT_MINOR_VERSION,
  };
}

function customUrlRefused(field: string): AppError {
  const message = `QuickBooks ${field} may only be customised for sandboxes; leave it empty for Intuit's servers`;
  return new AppError("invalid_data", "platform_url_not_allowed", message, { field });
}

export function describeQuickBooksCredentials(credentials: QuickBooksCredentials): Record<string, string> {
  return { realmId: credentials.realmId, clientId: `…${credentials.clientId.slice(-4)}` };
}
