import { type Classify, classifyByStatus, type RateSignals, type ResponseView } from "./classify.ts";

/**
 * The generic "read these headers into a budget" reader. A platform that reports its limiter in
 * response headers declares which headers and units it uses; the platform client applies what is
 * read (`observe` on the budget, a wait on a throttle). Body-reported limits (a GraphQL cost block)
 * need a reader of their own in the platform's folder.
 */
export type RateHeaderSpec = {
  /** Calls (or points) left in the current window; a response without it reports nothing. */
  remaining: string;
  /** The window's quota. */
  limit?: string;
  /** The window's length, in `timeUnit`. */
  window?: string;
  /** The window's length when no header says it (a quota per minute: 60). */
  windowSeconds?: number;
  /** Time until the window resets, in `timeUnit`. */
  reset?: string;
  /** Unit of the `window` and `reset` headers; default milliseconds. */
  timeUnit?: "ms" | "s";
  /** On a 429, wait until the reported reset before trying again; default true. */
  waitForResetOnThrottle?: boolean;
};

function numberHeader(headers: Headers, name: string | undefined): number | undefined {
  if (name === undefined) return undefined;
  const value = headers.get(name);
  if (value === null || value.trim() === "") return undefined;
  const n = Number(value);
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}

/** A `signals` reader for the platform client, parameterised by the platform's header names. */
export function rateHeaderSignals(spec: RateHeaderSpec): (res: ResponseView) => RateSignals | undefined {
  const toMs = spec.timeUnit === "s" ? 1000 : 1;
  const waitForReset = spec.waitForResetOnThrottle ?? true;
  return (res) => {
    const left = numberHeader(res.headers, spec.remaining);
    if (left === undefined) return undefined;
    const limit = numberHeader(res.headers, spec.limit);
    const windowHeader = numberHeader(res.headers, spec.window);
    const windowMs = windowHeader !== undefined ? windowHeader * toMs : (spec.windowSeconds ?? 0) * 1000;
    const resetHeader = numberHeader(res.headers, spec.reset);
    const resetMs = resetHeader === undefined ? undefined : resetHeader * toMs;
    return {
      status: {
        available: left,
        ...(limit ? { capacity: limit } : {}),
        ...(limit && windowMs > 0 ? { refillPerSecond: limit / (windowMs / 1000) } : {}),
        ...(resetMs !== undefined ? { resetInMs: resetMs } : {}),
      },
      ...(waitForReset && res.status === 429 && resetMs !== undefined ? { retryAfterMs: resetMs } : {}),
    };
  };
}

/**
 * A 429 that lacks the platform's rate headers is load shedding in front of the quota, not the
 * quota itself: back off exponentially (`retry`) instead of waiting on a window nobody reported.
 */
export function retryUnreportedThrottle(reportHeader: string, base: Classify = classifyByStatus): Classify {
  return (res) => (res.status === 429 && !res.headers.has(reportHeader) ? "retry" : base(res));
}
