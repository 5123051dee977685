import { bodyExcerpt } from "./redact.ts";

export type PlatformErrorInit = {
  platform: string;
  /** The last HTTP status, or null when no response arrived (network error, timeout). */
  status: number | null;
  /** True when trying again later may succeed (throttling, 5xx, network); false for permanent 4xx. */
  retryable: boolean;
  message: string;
  /** The last response body (excerpted and redacted here); empty when there was none. */
  bodyText?: string;
  attempts: number;
  /** The platform's limiter refused the last attempt (a 429, or a throttle in a 200 body). */
  throttled?: boolean;
  /** What went wrong underneath (an address refused by the guard), for code that branches on type. */
  cause?: unknown;
};

/** The one error a platform call ends with when it does not succeed. Safe to log: no headers, no tokens. */
export class PlatformError extends Error {
  override name = "PlatformError";
  readonly platform: string;
  readonly status: number | null;
  readonly retryable: boolean;
  /** First 300 characters of the response body with anything token-like redacted. */
  readonly bodyExcerpt: string;
  readonly attempts: number;
  readonly throttled: boolean;

  constructor(init: PlatformErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.platform = init.platform;
    this.status = init.status;
    this.retryable = init.retryable;
    this.bodyExcerpt = bodyExcerpt(init.bodyText ?? "");
    this.attempts = init.attempts;
    this.throttled = init.throttled ?? false;
  }
}

/**
 * One attempt that should be tried again (internal to the client): the retry schedule reads its
 * kind and requested wait, and turns the last one into a PlatformError when it gives up.
 */
export class AttemptFailure extends Error {
  override name = "AttemptFailure";
  constructor(
    readonly kind: "transient" | "throttled",
    readonly status: number | null,
    message: string,
    readonly bodyText: string,
    readonly retryAfterMs: number | undefined,
  ) {
    super(message);
  }
}

/**
 * A call that would have had to wait in this process longer than its caller allows (see
 * `withWaitLimit`): for the platform's pace — its rate budget, a `Retry-After`, a result it is
 * still preparing (`rate-limit`) — or for the back-off after failed attempts (`unavailable`).
 * Nothing more was sent. The caller reschedules its work for `retryAfterMs` from now instead of
 * holding a worker meanwhile.
 */
export class PlatformDeferred extends PlatformError {
  override name = "PlatformDeferred";
  readonly reason: "rate-limit" | "unavailable";
  readonly retryAfterMs: number;

  constructor(
    init: Omit<PlatformErrorInit, "retryable"> & {
      reason: "rate-limit" | "unavailable";
      retryAfterMs: number;
    },
  ) {
    super({ ...init, retryable: true, throttled: init.reason === "rate-limit" });
    this.reason = init.reason;
    this.retryAfterMs = Math.max(1, Math.ceil(init.retryAfterMs));
  }
}
