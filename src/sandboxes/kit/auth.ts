import type { IncomingHttpHeaders } from "node:http";
import type { OAuth1Verifier, RequestParams } from "./oauth1.ts";

/** What an auth scheme may look at: method, address, headers and decoded query/form parameters. */
export interface AuthRequest {
  readonly method: string;
  /** `scheme://host[:port]/path` as the client addressed it (from the Host header), no query. */
  readonly baseUri: string;
  readonly headers: IncomingHttpHeaders;
  readonly params: RequestParams;
  /** True when the client reached the sandbox over TLS (never, locally) or says a proxy did. */
  readonly secure: boolean;
}

export type AuthResult =
  | { readonly status: "ok"; readonly principal: string }
  /** The request carries no credentials of this scheme's kind: the next scheme may try. */
  | { readonly status: "absent" }
  /** Credentials of this kind are present and wrong; `reason` is for the platform's error body. */
  | { readonly status: "rejected"; readonly reason: string; readonly detail?: string };

export interface AuthScheme {
  authenticate(request: AuthRequest): AuthResult;
}

const ABSENT: AuthResult = { status: "absent" };

/** HTTP Basic with a key as user name and a secret as password (WooCommerce over HTTPS, many others). */
export function basicAuth(check: (user: string, password: string) => AuthResult): AuthScheme {
  return {
    authenticate(request) {
      const header = request.headers.authorization;
      const match = typeof header === "string" ? /^Basic\s+(\S+)$/i.exec(header) : null;
      if (!match) return ABSENT;
      const decoded = Buffer.from(match[1] as string, "base64").toString("utf8");
      const colon = decoded.indexOf(":");
      if (colon < 0) return { status: "rejected", reason: "malformed" };
      return check(decoded.slice(0, colon), decoded.slice(colon + 1));
    },
  };
}

/** Key and secret as query parameters (WooCommerce's fallback when a server strips `Authorization`). */
export function queryKeySecret(
  names: { readonly key: string; readonly secret: string },
  check: (key: string, secret: string) => AuthResult,
): AuthScheme {
  return {
    authenticate(request) {
      const key = request.params.find(([n]) => n === names.key)?.[1];
      const secret = request.params.find(([n]) => n === names.secret)?.[1];
      if (key === undefined || secret === undefined) return ABSENT;
      return check(key, secret);
    },
  };
}

/**
 * A token in a header: `Authorization: Bearer <t>` (prefix "Bearer ") or a platform header
 * such as `X-Auth-Token` (BigCommerce) or `X-Shopify-Access-Token` (no prefix).
 */
export function headerToken(options: {
  readonly header: string;
  readonly prefix?: string;
  readonly accepts: (token: string) => string | null;
}): AuthScheme {
  const header = options.header.toLowerCase();
  const prefix = options.prefix?.toLowerCase() ?? "";
  return {
    authenticate(request) {
      const value = request.headers[header];
      if (typeof value !== "string" || !value.toLowerCase().startsWith(prefix)) return ABSENT;
      const principal = options.accepts(value.slice(prefix.length).trim());
      return principal === null
        ? { status: "rejected", reason: "invalid_token" }
        : { status: "ok", principal };
    },
  };
}

/** One-legged OAuth 1.0a, recognised by `oauth_consumer_key` among the parameters. */
export function oauth1OneLegged(verifier: OAuth1Verifier): AuthScheme {
  return {
    authenticate(request) {
      if (!request.params.some(([n]) => n === "oauth_consumer_key")) return ABSENT;
      const outcome = verifier.verify({
        method: request.method,
        baseUri: request.baseUri,
        params: request.params,
      });
      if ("ok" in outcome) return { status: "ok", principal: outcome.consumerKey };
      return {
        status: "rejected",
        reason: outcome.reason,
        ...("parameter" in outcome ? { detail: outcome.parameter } : {}),
      };
    },
  };
}

/** Tries schemes in order; the first that finds its kind of credentials decides. */
export function firstOf(...schemes: readonly AuthScheme[]): AuthScheme {
  return {
    authenticate(request) {
      for (const scheme of schemes) {
        const result = scheme.authenticate(request);
        if (result.status !== "absent") return result;
      }
      return ABSENT;
    },
  };
}

/** Lets a scheme apply only to some requests (WooCommerce ignores Basic auth over plain HTTP). */
export function onlyWhen(condition: (request: AuthRequest) => boolean, scheme: AuthScheme): AuthScheme {
  return { authenticate: (request) => (condition(request) ? scheme.authenticate(request) : ABSENT) };
}
