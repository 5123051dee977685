import { headerValue, hmacSha256, signatureMatches } from "./signatures.ts";

type Headers = Record<string, string | undefined>;

/** Standard Webhooks' replay tolerance: each attempt is signed with a fresh timestamp. */
export const STANDARD_WEBHOOK_TOLERANCE_MS = 5 * 60 * 1000;

/**
 * Standard Webhooks (standardwebhooks.com): `webhook-signature` holds space-separated
 * `v1,<base64>` entries, each an HMAC-SHA256 of `{webhook-id}.{webhook-timestamp}.{body}` keyed
 * with the secret's bytes; one matching entry (constant-time compare) is enough.
 */
export function standardWebhookMatches(secret: string | Buffer, headers: Headers, rawBody: Buffer): boolean {
  const id = headerValue(headers, "webhook-id");
  const timestamp = headerValue(headers, "webhook-timestamp");
  const signatures = headerValue(headers, "webhook-signature");
  if (!id || !timestamp || !signatures) return false;
  const expected = hmacSha256(secret, `${id}.${timestamp}.`, rawBody);
  return signatures
    .split(" ")
    .some((entry) => entry.startsWith("v1,") && signatureMatches(entry.slice(3), expected, "base64"));
}

/** Why a delivery's `webhook-timestamp` is refused (too old, in the future), or undefined when fine or absent. */
export function standardWebhookTimestampRefusal(
  headers: Headers,
  now: Date,
  toleranceMs = STANDARD_WEBHOOK_TOLERANCE_MS,
): string | undefined {
  const text = headerValue(headers, "webhook-timestamp");
  const timestamp = Number(text);
  if (!text || !Number.isFinite(timestamp)) return undefined;
  const skew = now.getTime() - timestamp * 1000;
  if (skew > toleranceMs) return "the delivery's webhook-timestamp is too old";
  if (skew < -toleranceMs) return "the delivery's webhook-timestamp is in the future";
  return undefined;
}
