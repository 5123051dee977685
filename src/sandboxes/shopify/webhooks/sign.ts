import { createHmac, timingSafeEqual } from "node:crypto";

/** Shopify's webhook signature: base64(HMAC-SHA256(raw body, app client secret)). */
export function signShopifyWebhook(body: string | Uint8Array, secret: string): string {
  return createHmac("sha256", secret).update(body).digest("base64");
}

/** Constant-time check of an `X-Shopify-Hmac-SHA256` header against the raw body. */
export function verifyShopifyWebhook(
  body: string | Uint8Array,
  secret: string,
  header: string | null | undefined,
): boolean {
  if (!header) return false;
  const expected = Buffer.from(signShopifyWebhook(body, secret));
  const given = Buffer.from(header);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
