import { createHmac } from "node:crypto";
import { signaturesEqual } from "./signing.ts";

/** Query (and form) parameters as a server sees them after decoding; repeated names keep every value. */
export type RequestParams = ReadonlyArray<readonly [string, string]>;

export interface OAuth1Request {
  readonly method: string;
  /** `scheme://host[:port]/path` as the client addressed it, without the query. */
  readonly baseUri: string;
  readonly params: RequestParams;
}

export type OAuth1Failure =
  | { readonly reason: "missing_parameter"; readonly parameter: string }
  | { readonly reason: "unknown_consumer" }
  | { readonly reason: "bad_signature_method" }
  | { readonly reason: "stale_timestamp" }
  | { readonly reason: "reused_nonce" }
  | { readonly reason: "bad_signature" };

export type OAuth1Outcome = { readonly ok: true; readonly consumerKey: string } | OAuth1Failure;

const REQUIRED = [
  "oauth_consumer_key",
  "oauth_timestamp",
  "oauth_nonce",
  "oauth_signature",
  "oauth_signature_method",
] as const;
const METHODS = { "HMAC-SHA1": "sha1", "HMAC-SHA256": "sha256" } as const;

/** RFC 3986 percent-encoding, which RFC 5849 §3.6 requires (encodeURIComponent leaves !'()* alone). */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** RFC 5849 §3.4.1: METHOD & encoded base URI & encoded, sorted, normalised parameters. */
export function signatureBaseString(request: OAuth1Request): string {
  const pairs = request.params
    .filter(([name]) => name !== "oauth_signature")
    .map(([name, value]) => [percentEncode(name), percentEncode(value)] as const)
    .sort(([a, av], [b, bv]) => (a === b ? compare(av, bv) : compare(a, b)));
  const normalised = pairs.map(([name, value]) => `${name}=${value}`).join("&");
  return [request.method.toUpperCase(), percentEncode(request.baseUri), percentEncode(normalised)].join("&");
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** RFC 5849 §3.4.2; one-legged requests have no token, so `tokenSecret` stays empty. */
export function oauth1Signature(
  method: keyof typeof METHODS,
  baseString: string,
  consumerSecret: string,
  tokenSecret = "",
): string {
  return createHmac(METHODS[method], `${percentEncode(consumerSecret)}&${percentEncode(tokenSecret)}`)
    .update(baseString)
    .digest("base64");
}

export interface OAuth1VerifierOptions {
  readonly secretFor: (consumerKey: string) => string | null;
  readonly nowMs: () => number;
  /** How far a timestamp may be from now; WooCommerce allows 15 minutes. */
  readonly maxSkewSeconds?: number;
  /**
   * Read a repeated parameter once, its last value winning, as PHP's `$_GET` does; clients
   * of PHP platforms rely on it (WooCommerce's JS client sends the query twice). Default false.
   */
  readonly lastValueWins?: boolean;
}

function lastValues(params: RequestParams): RequestParams {
  const byName = new Map<string, string>();
  for (const [name, value] of params) {
    byName.delete(name);
    byName.set(name, value);
  }
  return [...byName];
}

/**
 * Verifies a one-legged OAuth 1.0a request (RFC 5849 with HMAC-SHA1 or HMAC-SHA256), as
 * WooCommerce does over plain HTTP: the signature covers query and form parameters, never
 * a JSON body; timestamps must be recent and a nonce is accepted once.
 */
export class OAuth1Verifier {
  private readonly seenNonces = new Map<string, number>();

  constructor(private readonly options: OAuth1VerifierOptions) {}

  verify(original: OAuth1Request): OAuth1Outcome {
    const request = this.options.lastValueWins
      ? { ...original, params: lastValues(original.params) }
      : original;
    const param = (name: string) => request.params.find(([n]) => n === name)?.[1];
    for (const name of REQUIRED) {
      if (!param(name)) return { reason: "missing_parameter", parameter: name };
    }
    const consumerKey = param("oauth_consumer_key") as string;
    const secret = this.options.secretFor(consumerKey);
    if (secret === null) return { reason: "unknown_consumer" };
    const method = param("oauth_signature_method") as string;
    if (method !== "HMAC-SHA1" && method !== "HMAC-SHA256") return { reason: "bad_signature_method" };
    const nowSeconds = this.options.nowMs() / 1000;
    const skew = this.options.maxSkewSeconds ?? 900;
    const timestamp = Number(param("oauth_timestamp"));
    if (!Number.isFinite(timestamp) || Math.abs(nowSeconds - timestamp) > skew) {
      return { reason: "stale_timestamp" };
    }
    // A query string decoder turns '+' into a space; base64 signatures hold '+'.
    const received = (param("oauth_signature") as string).replace(/ /g, "+");
    const expected = oauth1Signature(method, signatureBaseString(request), secret);
    if (!signaturesEqual(expected, received)) return { reason: "bad_signature" };
    const nonceKey = `${consumerKey}:${timestamp}:${param("oauth_nonce")}`;
    this.forgetOldNonces(nowSeconds, skew);
    if (this.seenNonces.has(nonceKey)) return { reason: "reused_nonce" };
    this.seenNonces.set(nonceKey, timestamp + skew);
    return { ok: true, consumerKey };
  }

  private forgetOldNonces(nowSeconds: number, skew: number): void {
    if (this.seenNonces.size < 10_000) return;
    for (const [key, expiresAt] of this.seenNonces) {
      if (expiresAt + skew < nowSeconds) this.seenNonces.delete(key);
    }
  }
}
