import { hmacBase64, signaturesEqual } from "../../kit/signing.ts";

/** Shopify's webhook signature: base64(HMAC-SHA256(raw body, app client secret)). */
export function signShopifyWebhook(body: string | Uint8Array, secret: string): string {
  return hmacBase64("sha256", secret, body);
}

/** Constant-time check of an `X-Shopify-Hmac-SHA256` header against the raw body. */
export function verifyShopifyWebhook(
  body: string | Uint8Array,
  secret: string,
  header: string | null | undefined,
): boolean {
  return !!header && signaturesEqual(signShopifyWebhook(body, secret), header);
}
