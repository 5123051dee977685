import { type BulkheadPolicy, ExponentialBackoff, type IBackoff, TimeoutStrategy, timeout } from "cockatiel";
import type { Logger } from "pino";
import {
  type Classify,
  classifyByStatus,
  type ReadSignals,
  type ResponseView,
  type Verdict,
} from "./classify.ts";
import { describeOutboundFailure, guardedFetch, type OutboundFetch } from "./guarded-fetch.ts";
import type { HostResolver } from "./guarded-lookup.ts";
import { AttemptFailure, PlatformDeferred, PlatformError } from "./platform-error.ts";
import type { Priority, RateBudget } from "./rate-budget.ts";
import { parseRetryAfter } from "./retry-after.ts";
import { createRetryPolicy, type RetryOptions, RetryWaitTooLong } from "./retry-schedule.ts";
import { checkPlatformUrl } from "./url-guard.ts";
import { currentWaitLimit } from "./wait-limit.ts";
import { BudgetWaitTooLong } from "./wait-queue.ts";

export type PlatformClientOptions = {
  /** Platform key, e.g. "shopify"; goes on every log line and error. */
  platform: string;
  /** Non-secret name of the connection (shop domain, realm id) for the log. */
  connectionLabel: string;
  budget: RateBudget;
  /** Shared limit on requests in flight (`concurrencyLimit(n)`); default unlimited. */
  concurrency?: BulkheadPolicy;
  /** Per attempt, from sending to the end of the body; default 30 000 ms. */
  timeoutMs?: number;
  retry?: RetryOptions;
  logger: Logger;
  /** Default verdict for every request; default `classifyByStatus`. */
  classify?: Classify;
  /** Reads the platform's rate-limit reports off each response; default none. */
  signals?: ReadSignals;
  /** Permit http:// and private hosts (sandboxes, tests); default false. */
  allowPrivateUrls?: boolean;
  /** Where host names are looked up; default the system resolver (tests inject made-up names). */
  resolveHost?: HostResolver;
  /**
   * Replaces the default `guardedFetch`, and with it the address checks after DNS: tests only
   * (tracing, fault injection); default the guarded fetch.
   */
  fetch?: OutboundFetch;
};

export type PlatformRequest = {
  method: string;
  url: string;
  headers?: Record<string, string>;
  body?: string;
  /** Budget tokens this call takes (Shopify: requested query cost); default 1. */
  cost?: number;
  priority: Priority;
  /** Overrides the client's verdict for this call (e.g. a 409 that is worth repeating). */
  classify?: Classify;
  /** Cancels the call (between attempts too); a cancelled call is not retried. */
  signal?: AbortSignal;
  /**
   * Signs each attempt anew and returns the URL and headers to send: OAuth 1.0a accepts a nonce
   * once, so a retried request needs a fresh signature. The host stays the checked one.
   */
  signAttempt?: (url: URL) => { url: URL; headers?: Record<string, string> };
};

export type PlatformResponse = ResponseView & {
  /** Attempts it took, throttled ones included. */
  attempts: number;
  /** `JSON.parse(bodyText)`; validate the result with a zod schema at the connector's edge. */
  json(): unknown;
};

export type ClientStats = {
  /** HTTP attempts sent (a retried call counts each attempt). */
  requests: number;
  /** Attempts repeated after a transient failure or a throttle. */
  retries: number;
  /** Answers the platform throttled (429 or a `throttled` verdict); never counted as failures. */
  throttled: number;
  /** Calls that ended in a PlatformError. */
  failures: number;
};

export type PlatformClient = {
  request(input: PlatformRequest): Promise<PlatformResponse>;
  stats(): ClientStats;
};

/**
 * The one way connectors reach a platform: budget first, then the concurrency slot, then one HTTP
 * exchange under a timeout; the verdict decides between returning, retrying and failing. Logs one
 * debug line per attempt and a warning on final failure — method, host and path, status, timing;
 * never headers, query strings or bodies, which carry tokens.
 *
 * Under `withWaitLimit` a call waits in this process only that long, for the budget and between
 * attempts together; beyond it the call ends with PlatformDeferred. Failed attempts that end calls
 * that way are remembered: until the growing back-off has passed, later limited calls defer at once
 * without sending, so an unreachable platform is probed, not hammered, by every job that needs it.
 */
export function createPlatformClient(options: PlatformClientOptions): PlatformClient {
  const { platform, budget } = options;
  const log = options.logger.child({ platform, connection: options.connectionLabel });
  const doFetch =
    options.fetch ??
    guardedFetch({ allowPrivate: options.allowPrivateUrls ?? false, resolveHost: options.resolveHost });
  const stats: ClientStats = { requests: 0, retries: 0, throttled: 0, failures: 0 };
  const timeoutPolicy = timeout(options.timeoutMs ?? 30_000, TimeoutStrategy.Cooperative);
  const countRetry = () => {
    stats.retries++;
  };
  const retryPolicy = createRetryPolicy(options.retry ?? {}, countRetry);
  const outageBackoff = new ExponentialBackoff({
    initialDelay: options.retry?.baseDelayMs ?? 500,
    maxDelay: options.retry?.maxDelayMs ?? 30_000,
  });
  /** The platform failed the last limited calls; limited calls defer until `until`. */
  let outage: { step: IBackoff<unknown>; until: number; failure: AttemptFailure } | undefined;

  async function exchange(url: URL, input: PlatformRequest, signal: AbortSignal): Promise<ResponseView> {
    const signed = input.signAttempt?.(url);
    if (signed && signed.url.origin !== url.origin)
      throw new Error("a signed request may not change its host");
    const headers = signed?.headers ? { ...input.headers, ...signed.headers } : input.headers;
    const response = await doFetch(signed?.url ?? url, {
      method: input.method,
      ...(headers ? { headers } : {}),
      ...(input.body !== undefined ? { body: input.body } : {}),
      // Following a redirect would bypass the URL guard (a public host redirecting to a private one).
      // guardedFetch never follows; this keeps an injected fetch to the same rule.
      redirect: "manual",
      signal,
    });
    return { status: response.status, headers: response.headers, bodyText: await response.text() };
  }

  async function attempt(
    url: URL,
    input: PlatformRequest,
    attemptIndex: number,
    deadline: number | undefined,
  ): Promise<PlatformResponse> {
    const cost = input.cost ?? 1;
    const where = `${input.method} ${url.host}${url.pathname}`;
    const line = { method: input.method, url: `${url.host}${url.pathname}`, attempt: attemptIndex + 1 };
    await budget.take(
      cost,
      input.priority,
      deadline === undefined ? undefined : Math.max(0, deadline - performance.now()),
    );
    let started = performance.now();
    let res: ResponseView;
    try {
      const send = () => {
        started = performance.now(); // time the exchange, not the wait for a concurrency slot
        return timeoutPolicy.execute(({ signal }) => exchange(url, input, signal), input.signal);
      };
      res = await (options.concurrency ? options.concurrency.execute(send) : send());
    } catch (error) {
      stats.requests++;
      const failure = describeOutboundFailure(error);
      const aborted = input.signal?.aborted ?? false;
      const reason = aborted
        ? "aborted"
        : failure.refused
          ? "address not allowed"
          : isAbort(error)
            ? "timeout"
            : "network error";
      // The operator's log keeps the cause (timeout, ECONNREFUSED…); the error's message, which
      // reaches merchants, does not — it would tell open ports from closed ones.
      const code = networkCode(error);
      log.debug(
        { ...line, status: null, error: reason, ...(code ? { code } : {}), ms: elapsed(started) },
        "platform call",
      );
      const message = `${platform} ${where}: ${aborted ? "aborted" : failure.message}`;
      if (aborted || failure.refused) {
        // A refused address is refused again on every attempt: final, unlike a network error.
        throw new PlatformError({
          platform,
          status: null,
          retryable: aborted,
          message,
          attempts: attemptIndex + 1,
          cause: error,
        });
      }
      throw new AttemptFailure("transient", null, message, "", undefined);
    }
    stats.requests++;
    const verdict: Verdict = (input.classify ?? options.classify ?? classifyByStatus)(res);
    const signals = options.signals?.(res);
    if (signals?.actualCost !== undefined) budget.settle(cost, signals.actualCost);
    // A throttle with no reported state still means the platform's bucket is empty: model it so.
    if (signals?.status) budget.observe(signals.status);
    else if (verdict === "throttled") budget.observe({ available: 0 });
    log.debug({ ...line, status: res.status, verdict, ms: elapsed(started) }, "platform call");
    // Any answer but a transient failure shows the platform is up again.
    if (verdict !== "retry") outage = undefined;

    if (verdict === "ok") return { ...res, attempts: attemptIndex + 1, json: () => JSON.parse(res.bodyText) };
    const message = `${platform} ${where} answered HTTP ${res.status}${verdict === "throttled" ? " (throttled)" : ""}`;
    if (verdict === "fail") {
      throw new PlatformError({
        platform,
        status: res.status,
        retryable: false,
        message,
        bodyText: res.bodyText,
        attempts: attemptIndex + 1,
      });
    }
    if (verdict === "throttled") stats.throttled++;
    const retryAfterMs = signals?.retryAfterMs ?? parseRetryAfter(res.headers.get("retry-after"), Date.now());
    const kind = verdict === "throttled" ? "throttled" : "transient";
    throw new AttemptFailure(kind, res.status, message, res.bodyText, retryAfterMs);
  }

  const deferredBy = (failure: AttemptFailure, retryAfterMs: number, attempts: number) =>
    new PlatformDeferred({
      platform,
      status: failure.status,
      reason: failure.kind === "throttled" ? "rate-limit" : "unavailable",
      retryAfterMs,
      message: `${failure.message}; next try in ${seconds(retryAfterMs)} s`,
      bodyText: failure.bodyText,
      attempts,
    });

  /** Turns a wait the caller does not allow into PlatformDeferred; failed attempts extend the outage. */
  function deferral(error: unknown, where: string, attempts: number): PlatformDeferred | undefined {
    if (error instanceof BudgetWaitTooLong) {
      return new PlatformDeferred({
        platform,
        status: null,
        reason: "rate-limit",
        retryAfterMs: error.waitMs,
        message: `${platform} ${where}: the rate limit is used up; next try in ${seconds(error.waitMs)} s`,
        attempts,
      });
    }
    if (!(error instanceof RetryWaitTooLong)) return undefined;
    const { failure } = error;
    if (failure.kind === "throttled") return deferredBy(failure, error.delayMs, attempts);
    const step = outage ? outage.step.next(undefined) : outageBackoff.next();
    const retryAfterMs = Math.max(error.delayMs, step.duration);
    outage = { step, until: performance.now() + retryAfterMs, failure };
    return deferredBy(failure, retryAfterMs, attempts);
  }

  return {
    async request(input) {
      const url = checkPlatformUrl(input.url, options.allowPrivateUrls ?? false);
      const where = `${input.method} ${url.host}${url.pathname}`;
      const limit = currentWaitLimit();
      const deadline = limit === undefined ? undefined : performance.now() + limit;
      const policy =
        deadline === undefined ? retryPolicy : createRetryPolicy(options.retry ?? {}, countRetry, deadline);
      const pause = deadline === undefined || !outage ? 0 : outage.until - performance.now();
      if (outage && pause > 0) {
        const deferred = deferredBy(outage.failure, pause, 0);
        log.debug(
          { method: input.method, url: `${url.host}${url.pathname}`, retryAfterMs: pause },
          "platform call deferred: still failing",
        );
        throw deferred;
      }
      let attempts = 0;
      try {
        return await policy.execute(({ attempt: index }) => {
          attempts = index + 1;
          return attempt(url, input, index, deadline);
        }, input.signal);
      } catch (error) {
        const deferred = deferral(error, where, attempts);
        if (deferred) {
          log.debug(
            {
              method: input.method,
              url: `${url.host}${url.pathname}`,
              reason: deferred.reason,
              retryAfterMs: deferred.retryAfterMs,
            },
            "platform call deferred",
          );
          throw deferred;
        }
        const final = toPlatformError(error, platform, attempts);
        stats.failures++;
        log.warn(
          {
            method: input.method,
            url: `${url.host}${url.pathname}`,
            status: final.status,
            attempts: final.attempts,
            retryable: final.retryable,
          },
          final.message,
        );
        throw final;
      }
    },
    stats: () => ({ ...stats }),
  };
}

function toPlatformError(error: unknown, platform: string, attempts: number): PlatformError {
  if (error instanceof PlatformError) return error;
  if (error instanceof AttemptFailure) {
    return new PlatformError({
      platform,
      status: error.status,
      retryable: true,
      message: `${error.message}; gave up after ${attempts} attempts`,
      bodyText: error.bodyText,
      attempts,
      throttled: error.kind === "throttled",
    });
  }
  // A bug or a budget refusal (cost above capacity): not the platform's doing, so not retryable.
  const message = error instanceof Error ? error.message : String(error);
  return new PlatformError({ platform, status: null, retryable: false, message, attempts });
}

function isAbort(error: unknown): boolean {
  return error instanceof Error && (error.name === "AbortError" || error.name === "TimeoutError");
}

/** The system error code behind undici's generic "fetch failed" (ECONNREFUSED, ENOTFOUND…). */
function networkCode(error: unknown): string | undefined {
  const cause = error instanceof Error ? error.cause : undefined;
  const code = cause && typeof cause === "object" && "code" in cause ? cause.code : undefined;
  return typeof code === "string" ? code : undefined;
}

function seconds(ms: number): number {
  return Math.ceil(ms / 1000);
}

function elapsed(started: number): number {
  return Math.round(performance.now() - started);
}
