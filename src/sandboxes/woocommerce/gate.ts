import {
  type AuthResult,
  basicAuth,
  firstOf,
  oauth1OneLegged,
  onlyWhen,
  queryKeySecret,
} from "../kit/auth.ts";
import type { Fault } from "../kit/faults.ts";
import { OAuth1Verifier } from "../kit/oauth1.ts";
import type { RateDecision } from "../kit/rate-limit.ts";
import type { GateReply, PlatformGate } from "../kit/server.ts";
import { routeNotFound, wooErrorBody } from "./errors.ts";
import { isAuthParam } from "./routes/listing.ts";

export interface ApiKey {
  readonly consumerKey: string;
  readonly consumerSecret: string;
}

const AUTH_MESSAGES: Record<string, string> = {
  unknown_consumer: "Consumer key is invalid.",
  malformed: "Consumer key is invalid.",
  bad_secret: "Consumer secret is invalid.",
  bad_signature: "Invalid signature - provided signature does not match.",
  bad_signature_method: "Invalid signature - signature method is invalid.",
  stale_timestamp: "Invalid timestamp.",
  reused_nonce: "Invalid nonce - nonce has already been used.",
};

/** What core answers a request that reached a route without a logged-in user, by method. */
const NOT_ALLOWED: Record<string, [string, string]> = {
  GET: ["woocommerce_rest_cannot_view", "Sorry, you cannot list resources."],
  POST: ["woocommerce_rest_cannot_create", "Sorry, you are not allowed to create resources."],
  PUT: ["woocommerce_rest_cannot_edit", "Sorry, you are not allowed to edit this resource."],
  DELETE: ["woocommerce_rest_cannot_delete", "Sorry, you are not allowed to delete this resource."],
};

const SERVER_ERRORS: Record<number, GateReply> = {
  500: {
    status: 500,
    body: {
      code: "internal_server_error",
      message: "<p>There has been a critical error on this website.</p>",
      data: { status: 500 },
      additional_errors: [],
    },
  },
};

function proxyPage(status: number): GateReply {
  const text =
    { 502: "502 Bad Gateway", 503: "503 Service Unavailable", 504: "504 Gateway Timeout" }[status] ??
    `${status}`;
  return {
    status,
    headers: { "Content-Type": "text/html" },
    body: `<html><head><title>${text}</title></head><body><h1>${text}</h1></body></html>`,
  };
}

export interface WooGateOptions {
  readonly keys: readonly ApiKey[];
  readonly nowMs: () => number;
  /** Accept Basic auth over plain HTTP (core only reads it over HTTPS). Default false. */
  readonly acceptBasicOverHttp: boolean;
}

/**
 * WooCommerce's REST authentication as core does it: Basic auth or `consumer_key` /
 * `consumer_secret` query parameters over HTTPS, one-legged OAuth 1.0a over HTTP; its error
 * JSON for each refusal; the host's 429 and 5xx pages for faults.
 */
export function wooGate(options: WooGateOptions): PlatformGate {
  const check = (key: string, secret: string): AuthResult => {
    const found = options.keys.find((k) => k.consumerKey === key);
    if (!found) return { status: "rejected", reason: "unknown_consumer" };
    if (found.consumerSecret !== secret) return { status: "rejected", reason: "bad_secret" };
    return { status: "ok", principal: key };
  };
  const verifier = new OAuth1Verifier({
    secretFor: (key) => options.keys.find((k) => k.consumerKey === key)?.consumerSecret ?? null,
    nowMs: options.nowMs,
    lastValueWins: true,
  });
  const overTls = firstOf(
    basicAuth(check),
    queryKeySecret({ key: "consumer_key", secret: "consumer_secret" }, check),
  );
  return {
    // The REST index at /wp-json/ is public; everything below it needs a key.
    isApiPath: (path) => path.startsWith("/wp-json/") && path !== "/wp-json/",
    isAuthParam,
    auth: firstOf(
      onlyWhen((r) => r.secure || options.acceptBasicOverHttp, overTls),
      oauth1OneLegged(verifier),
    ),
    unauthorized(result, request) {
      // WordPress resolves the route before permissions: an unknown route without keys is a 404.
      if (result.status === "absent" && request.routeOptions.url === undefined) {
        return { status: 404, body: routeNotFound().body };
      }
      if (result.status === "absent") {
        const [code, message] = NOT_ALLOWED[request.method] ?? (NOT_ALLOWED.GET as [string, string]);
        return { status: 401, body: wooErrorBody(401, code, message) };
      }
      const message =
        result.reason === "missing_parameter"
          ? `Missing OAuth parameter ${result.detail ?? ""}`.trim()
          : (AUTH_MESSAGES[result.reason] ?? "Consumer key is invalid.");
      return { status: 401, body: wooErrorBody(401, "woocommerce_rest_authentication_error", message) };
    },
    fault(fault: Fault) {
      if (fault.kind === "throttle") return tooMany(1000);
      return SERVER_ERRORS[fault.status] ?? proxyPage(fault.status);
    },
    throttled: (decision: RateDecision) => tooMany(decision.retryAfterMs),
    rateHeaders: (decision: RateDecision) => ({
      "RateLimit-Limit": String(decision.limit),
      "RateLimit-Remaining": String(decision.remaining),
      "RateLimit-Reset": String(Math.ceil(decision.resetMs / 1000)),
    }),
  };
}

/** A host limit in front of WordPress; shaped like WooCommerce's own Store API limiter. */
function tooMany(retryAfterMs: number): GateReply {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return {
    status: 429,
    headers: { "Retry-After": String(seconds) },
    body: wooErrorBody(
      429,
      "rate_limit_exceeded",
      `Too many requests. Please wait ${seconds} seconds before trying again.`,
    ),
  };
}
