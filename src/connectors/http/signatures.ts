import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * Building blocks for webhook verifiers. Each platform's verifier (in its own folder) decides which
 * header carries the signature, which secret signs and what is signed; these do the arithmetic.
 */

export type SignatureEncoding = "base64" | "hex";

/** HMAC-SHA256 of the parts, in order (the raw body alone, or an id, a timestamp and the body). */
export function hmacSha256(secret: string | Buffer, ...parts: (string | Buffer)[]): Buffer {
  const mac = createHmac("sha256", secret);
  for (const part of parts) mac.update(part);
  return mac.digest();
}

/**
 * True when `given` (as the platform sent it, in `encoding`) is exactly `expected`, compared in
 * constant time. A missing or malformed value is simply not a match.
 */
export function signatureMatches(
  given: string | undefined | null,
  expected: Buffer,
  encoding: SignatureEncoding,
): boolean {
  if (!given) return false;
  const text = given.trim();
  if (encoding === "hex" && !/^[0-9a-f]*$/i.test(text)) return false;
  const received = Buffer.from(text, encoding);
  return received.length === expected.length && timingSafeEqual(received, expected);
}

/** The usual scheme: `encoding`(HMAC-SHA256(raw body, secret)) in one header. */
export function verifyBodyHmac(options: {
  secret: string | Buffer | null | undefined;
  rawBody: Buffer;
  signature: string | undefined | null;
  encoding: SignatureEncoding;
}): boolean {
  if (!options.secret) return false;
  return signatureMatches(options.signature, hmacSha256(options.secret, options.rawBody), options.encoding);
}

/** A header by name whatever its case (raw Node headers are lower-case; tests and proxies vary). */
export function headerValue(headers: Record<string, string | undefined>, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === wanted) return value;
  return undefined;
}
