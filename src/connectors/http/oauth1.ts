import { randomBytes } from "node:crypto";
import { hmacSha256 } from "./signatures.ts";

/** RFC 3986 encoding, as OAuth 1.0a signs (encodeURIComponent leaves !'()* alone). */
function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/**
 * One-legged OAuth 1.0a (HMAC-SHA256) in the query string: a new nonce and timestamp per call
 * (sign every attempt anew: a nonce is accepted once), the query parameters signed, a JSON body
 * not (RFC 5849 §3.4.1.3 signs form bodies only).
 */
export function oauth1SignedUrl(url: URL, method: string, key: string, secret: string, nowMs: number): URL {
  const signed = new URL(url);
  signed.searchParams.set("oauth_consumer_key", key);
  signed.searchParams.set("oauth_nonce", randomBytes(16).toString("hex"));
  signed.searchParams.set("oauth_signature_method", "HMAC-SHA256");
  signed.searchParams.set("oauth_timestamp", String(Math.floor(nowMs / 1000)));
  const params = [...signed.searchParams]
    .map(([n, v]) => [percentEncode(n), percentEncode(v)] as const)
    .sort(([a, av], [b, bv]) => (a === b ? (av < bv ? -1 : 1) : a < b ? -1 : 1))
    .map(([n, v]) => `${n}=${v}`)
    .join("&");
  const base = [method.toUpperCase(), percentEncode(`${url.origin}${url.pathname}`), percentEncode(params)];
  const signature = hmacSha256(`${percentEncode(secret)}&`, base.join("&")).toString("base64");
  signed.searchParams.set("oauth_signature", signature);
  return signed;
}
