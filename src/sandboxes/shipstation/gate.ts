import { basicAuth } from "../kit/auth.ts";
import type { Fault } from "../kit/faults.ts";
import type { RateDecision } from "../kit/rate-limit.ts";
import type { GateReply, PlatformGate } from "../kit/server.ts";
import { ssErrorBody } from "./errors.ts";

/** The window in force: 40 requests a minute per key pair unless the control API changes it. */
export interface RateSettings {
  limit: number;
  windowMs: number;
  /** 429s answered so far (tests check a client met the window). */
  throttled: number;
}

/** Paths of the v1 API the sandbox serves; `/_sandbox/…` is the control API. */
const API = /^\/(stores|orders|shipments|webhooks|carriers|warehouses)(\/|$)/;

function rateHeaders(rate: RateSettings, remaining: number, resetMs: number): Record<string, string> {
  return {
    "X-Rate-Limit-Limit": String(rate.limit),
    "X-Rate-Limit-Remaining": String(remaining),
    "X-Rate-Limit-Reset": String(Math.max(0, Math.ceil(resetMs / 1000))),
  };
}

/**
 * ShipStation's front door: HTTP Basic with the API key and secret; every allowed answer carries
 * `X-Rate-Limit-Limit/-Remaining/-Reset` (seconds) and an exhausted window answers 429 with them
 * and `{"message":"Too Many Requests"}` (§6 marks the body unknown: GUESS).
 */
export function ssGate(keys: { apiKey: string; apiSecret: string }, rate: RateSettings): PlatformGate {
  const throttle = (resetMs: number): GateReply => {
    rate.throttled += 1;
    return {
      status: 429,
      headers: rateHeaders(rate, 0, resetMs),
      body: { message: "Too Many Requests" },
    };
  };
  return {
    isApiPath: (path) => API.test(path),
    auth: basicAuth((user, password) =>
      user === keys.apiKey && password === keys.apiSecret
        ? { status: "ok", principal: user }
        : { status: "rejected", reason: "invalid_credentials" },
    ),
    unauthorized: () => ({
      status: 401,
      headers: { "WWW-Authenticate": 'Basic realm="ShipStation"' },
      body: ssErrorBody("Authorization has been denied for this request."),
    }),
    fault: (fault: Fault) =>
      fault.kind === "throttle"
        ? throttle(rate.windowMs)
        : { status: fault.status, body: ssErrorBody("An error has occurred.") },
    throttled: (decision: RateDecision) => throttle(decision.resetMs),
    rateHeaders: (decision: RateDecision) => rateHeaders(rate, decision.remaining, decision.resetMs),
  };
}
