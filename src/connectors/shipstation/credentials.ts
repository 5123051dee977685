import { z } from "zod";
import { AppError } from "../../lib/errors.ts";
import { checkPlatformUrl } from "../http/index.ts";

/** ShipStation v1's API host; a sandbox replaces it through `apiUrl` (private URLs allowed only). */
export const SHIPSTATION_API_URL = "https://ssapi.shipstation.com";

export const shipStationCredentialsSchema = z.object({
  apiKey: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .meta({ title: "API key", description: "Settings → Account → API Settings in ShipStation" }),
  apiSecret: z.string().trim().min(1).max(200).meta({ title: "API secret", format: "password" }),
  /** Stands in for https://ssapi.shipstation.com (sandboxes, with private URLs allowed). */
  apiUrl: z
    .string()
    .trim()
    .min(1)
    .max(300)
    .meta({ title: "API URL", description: "Leave empty for https://ssapi.shipstation.com (sandboxes only)" })
    .optional(),
  /** Currency of the account's orders (v1 orders carry none); USD when left out. */
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, "a three-letter ISO 4217 code")
    .meta({ title: "Order currency", description: "ShipStation orders carry no currency; USD when left out" })
    .optional(),
});
export type ShipStationCredentials = z.infer<typeof shipStationCredentialsSchema>;

/** The API's origin (and path, for a sandbox mounted under one), without a trailing slash. */
export function shipStationApiBase(credentials: ShipStationCredentials, allowPrivateUrls: boolean): string {
  if (credentials.apiUrl && credentials.apiUrl !== SHIPSTATION_API_URL && !allowPrivateUrls) {
    throw new AppError(
      "invalid_data",
      "invalid_api_url",
      "apiUrl is for sandboxes only; leave it out to use https://ssapi.shipstation.com",
    );
  }
  const url = checkPlatformUrl(credentials.apiUrl ?? SHIPSTATION_API_URL, allowPrivateUrls);
  return `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
}

export function describeShipStationCredentials(credentials: ShipStationCredentials): Record<string, string> {
  return {
    apiKey: `…${credentials.apiKey.slice(-4)}`,
    ...(credentials.apiUrl ? { apiUrl: credentials.apiUrl } : {}),
    ...(credentials.currency ? { currency: credentials.currency } : {}),
  };
}
