import {
  DelegateBackoff,
  ExponentialBackoff,
  handleType,
  type IBackoff,
  type IRetryBackoffContext,
  type RetryPolicy,
  retry,
} from "cockatiel";
import { AttemptFailure } from "./platform-error.ts";

export type RetryOptions = {
  /** Attempts in all for transient failures (network, timeout, 5xx, 408, `retry` verdicts); default 5. */
  maxAttempts?: number;
  /** First back-off step in ms, randomised by decorrelated jitter; default 500. */
  baseDelayMs?: number;
  /** Longest exponential back-off step in ms; default 30 000. */
  maxDelayMs?: number;
  /** Throttled answers tolerated per call, on top of `maxAttempts`; default 10. */
  maxThrottledRetries?: number;
  /** A longer `Retry-After` ends the call as retryable instead of holding a worker; default 120 000. */
  maxRetryAfterMs?: number;
};

type State = { transient: number; throttled: number; jitter?: IBackoff<unknown> };

/** The next try would come later than the caller's wait limit allows: defer instead of waiting. */
export class RetryWaitTooLong extends Error {
  override name = "RetryWaitTooLong";
  constructor(
    readonly failure: AttemptFailure,
    readonly delayMs: number,
  ) {
    super(failure.message);
  }
}

/**
 * The retry policy for one client. Transient failures back off exponentially with decorrelated
 * jitter (cockatiel), never shorter than a `Retry-After`. Throttled answers are not failures: they
 * wait for the platform's `Retry-After` if any, otherwise for nothing here, because the client has
 * already corrected the rate budget and the next `take` waits for the refill.
 * The schedule gives up by rethrowing the last AttemptFailure. With a `deadline` (a
 * `performance.now()` instant), a wait that would end after it throws RetryWaitTooLong instead.
 */
export function createRetryPolicy(
  options: RetryOptions,
  onRetry: () => void,
  deadline?: number,
): RetryPolicy {
  const maxAttempts = options.maxAttempts ?? 5;
  const maxThrottledRetries = options.maxThrottledRetries ?? 10;
  const maxRetryAfterMs = options.maxRetryAfterMs ?? 120_000;
  const jitter = new ExponentialBackoff({
    initialDelay: options.baseDelayMs ?? 500,
    maxDelay: options.maxDelayMs ?? 30_000,
  });

  const backoff = new DelegateBackoff<IRetryBackoffContext<unknown>, State>((context, previous) => {
    const state = previous ?? { transient: 0, throttled: 0 };
    const failure = "error" in context.result ? context.result.error : undefined;
    if (!(failure instanceof AttemptFailure)) throw failure ?? new Error("retry without a failure");
    const asked = failure.retryAfterMs;
    const tooLate = (delay: number) => deadline !== undefined && performance.now() + delay > deadline;
    if (asked !== undefined && tooLate(asked)) throw new RetryWaitTooLong(failure, asked);
    if (asked !== undefined && asked > maxRetryAfterMs) throw failure;
    if (failure.kind === "throttled") {
      if (state.throttled >= maxThrottledRetries) throw failure;
      onRetry();
      return { delay: asked ?? 0, state: { ...state, throttled: state.throttled + 1 } };
    }
    if (state.transient + 1 >= maxAttempts) throw failure;
    const step = state.jitter ? state.jitter.next(context) : jitter.next();
    const delay = Math.max(step.duration, asked ?? 0);
    if (tooLate(delay)) throw new RetryWaitTooLong(failure, delay);
    onRetry();
    return { delay, state: { ...state, transient: state.transient + 1, jitter: step } };
  });

  // The schedule above decides when to stop; cockatiel's own cap is only a backstop.
  return retry(handleType(AttemptFailure), { maxAttempts: maxAttempts + maxThrottledRetries, backoff });
}
