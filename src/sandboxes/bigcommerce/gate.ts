import type { AuthScheme } from "../kit/auth.ts";
import type { Fault } from "../kit/faults.ts";
import type { RateDecision } from "../kit/rate-limit.ts";
import type { GateReply, PlatformGate } from "../kit/server.ts";
import { v3ErrorBody } from "./errors.ts";

/** The plan's 30-second window as it is in force now; the control API changes it. */
export interface RateSettings {
  quota: number;
  windowMs: number;
  /** Answer 429 without the X-Rate-Limit-* headers (platform-wide load shedding). */
  headerless: boolean;
}

export interface BcGateOptions {
  readonly storeHash: string;
  readonly accessTokens: readonly string[];
  readonly rate: RateSettings;
}

const STORE_PATH = /^\/stores\/([^/]+)\/(v2|v3)\//;

/** `X-Auth-Token` for the store in the path; `X-Auth-Client` may come along and is not checked. */
function authTokenForStore(options: BcGateOptions): AuthScheme {
  return {
    authenticate(request) {
      const token = request.headers["x-auth-token"];
      if (typeof token !== "string" || token === "") return { status: "absent" };
      const path = new URL(request.baseUri).pathname;
      if (STORE_PATH.exec(path)?.[1] !== options.storeHash)
        return { status: "rejected", reason: "unknown_store" };
      return options.accessTokens.includes(token)
        ? { status: "ok", principal: token }
        : { status: "rejected", reason: "invalid_token" };
    },
  };
}

function rateHeaders(rate: RateSettings, left: number, resetMs: number): Record<string, string> {
  return {
    "X-Rate-Limit-Requests-Left": String(left),
    "X-Rate-Limit-Requests-Quota": String(rate.quota),
    "X-Rate-Limit-Time-Reset-Ms": String(Math.max(0, Math.ceil(resetMs))),
    "X-Rate-Limit-Time-Window-Ms": String(rate.windowMs),
  };
}

function tooMany(rate: RateSettings, resetMs: number): GateReply {
  return {
    status: 429,
    headers: rate.headerless ? {} : rateHeaders(rate, 0, resetMs),
    body: v3ErrorBody(429, "Too many requests"),
  };
}

const SERVER_TITLES: Record<number, string> = {
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout",
};

/**
 * BigCommerce's gateway as the kit sees it: every path under `/stores/{hash}/v2|v3/` is API,
 * authenticated by `X-Auth-Token`; every allowed answer carries the window's four
 * `X-Rate-Limit-*` headers and an exhausted window answers 429 with them (or without, when
 * the headerless switch is on).
 */
export function bcGate(options: BcGateOptions): PlatformGate {
  const { rate } = options;
  return {
    isApiPath: (path) => path.startsWith("/stores/"),
    auth: authTokenForStore(options),
    unauthorized(result) {
      if (result.status === "rejected" && result.reason === "unknown_store") {
        return { status: 404, body: v3ErrorBody(404, "Store not found") };
      }
      return {
        status: 401,
        body: v3ErrorBody(401, "No valid credentials were found in this request"),
      };
    },
    fault(fault: Fault) {
      if (fault.kind === "throttle") return tooMany(rate, rate.windowMs);
      return {
        status: fault.status,
        body: v3ErrorBody(fault.status, SERVER_TITLES[fault.status] ?? "Error"),
      };
    },
    throttled: (decision: RateDecision) => tooMany(rate, decision.resetMs),
    rateHeaders: (decision: RateDecision) => rateHeaders(rate, decision.remaining, decision.resetMs),
  };
}
