import { BooksError } from "../../connectors/contract.ts";
import { describeOutboundFailure } from "../../connectors/http/guarded-fetch.ts";
import { PlatformError } from "../../connectors/http/index.ts";
import { AppError } from "../../lib/errors.ts";
import type { RunErrorCode } from "./schema.ts";

/**
 * A run the hub refuses: an outbound feed of a connection in test mode, any feed of a disconnected
 * connection, a feed the connection's connector cannot run, or an order feed of an account whose
 * yearly order allotment is used up. Recorded like a failure, with its code.
 */
export class RunRefused extends Error {
  override name = "RunRefused";
  constructor(
    readonly code: Extract<
      RunErrorCode,
      "mode_blocked" | "connection_disconnected" | "feed_unsupported" | "allotment_reached"
    >,
    message: string,
  ) {
    super(message);
  }
}

/** System error codes of a call that got no answer (the platform or the way to it is down). */
const unreachableCodes = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EPIPE",
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_SOCKET",
]);

/**
 * The stable code of a failed run, from the error's type and fields — never its message, which
 * is for people and may change. Anything not recognised is `internal_error`: a hub or connector bug.
 */
export function runErrorCode(error: unknown): RunErrorCode {
  if (error instanceof RunRefused) return error.code;
  // A guard refusal is final and the merchant's to fix (the URL), whatever wraps it.
  if (describeOutboundFailure(error).refused) return "address_refused";
  if (error instanceof AppError && error.code === "platform_url_not_allowed") return "address_refused";
  if (error instanceof BooksError) {
    if (error.kind === "auth") return "credentials_rejected";
    if (error.kind === "throttled") return "throttled";
  }
  if (error instanceof PlatformError) return platformErrorCode(error);
  if (isTimeout(error) || unreachable(error)) return "platform_unavailable";
  return "internal_error";
}

function platformErrorCode(error: PlatformError): RunErrorCode {
  const { status } = error;
  if (status === 401 || status === 403) return "credentials_rejected";
  if (error.throttled || status === 429) return "throttled";
  if (status === 408 || (status !== null && status >= 500)) return "platform_unavailable";
  // No answer at all: a network failure or timeout is retryable; a non-retryable one without a
  // status is the client refusing to send (a budget it cannot meet), i.e. a bug on our side.
  if (status === null && error.retryable) return "platform_unavailable";
  return "internal_error";
}

function isTimeout(error: unknown): boolean {
  return error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError");
}

function unreachable(error: unknown): boolean {
  for (let cause = error; cause instanceof Error; cause = cause.cause) {
    const code = (cause as { code?: unknown }).code;
    if (typeof code === "string" && unreachableCodes.has(code)) return true;
  }
  return false;
}
