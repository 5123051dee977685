import { createHmac, timingSafeEqual } from "node:crypto";

export type HmacAlgorithm = "sha1" | "sha256";

/** base64(HMAC(secret, body)): WooCommerce's `X-WC-Webhook-Signature`, Shopify's `X-Shopify-Hmac-SHA256`. */
export function hmacBase64(algorithm: HmacAlgorithm, secret: string, body: string | Uint8Array): string {
  return createHmac(algorithm, secret).update(body).digest("base64");
}

/** hex(HMAC(secret, body)): the form some platforms (and Standard Webhooks' older cousins) use. */
export function hmacHex(algorithm: HmacAlgorithm, secret: string, body: string | Uint8Array): string {
  return createHmac(algorithm, secret).update(body).digest("hex");
}

/** Compares two signatures without leaking where they differ. */
export function signaturesEqual(expected: string, received: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(received);
  return a.length === b.length && timingSafeEqual(a, b);
}
