import type { Clock } from "./clock.ts";

export interface LimitSettings {
  /** Accounting API requests per realm per rolling minute (batch requests included). Default 500; null = off. */
  requestsPerMinute: number | null;
  /**
   * Requests per realm and app per rolling second. Default null (off): Intuit publishes 500/minute
   * per company and 10 concurrent as the limits it enforces; a per-second cap can be switched on.
   */
  requestsPerSecond: number | null;
  /** Requests in flight at once per realm and app. Default 10; null = off. */
  concurrentRequests: number | null;
  /** Batch requests per realm and app per rolling minute. Default 40; null = off. */
  batchRequestsPerMinute: number | null;
  /** Operations allowed in one batch request. Default 30. */
  maxBatchItems: number;
  /** Real milliseconds each admitted request waits before it is handled, to exercise the concurrency cap. Default 0. */
  latencyMs: number;
}

export const DEFAULT_LIMITS: Readonly<LimitSettings> = {
  requestsPerMinute: 500,
  requestsPerSecond: null,
  concurrentRequests: 10,
  batchRequestsPerMinute: 40,
  maxBatchItems: 30,
  latencyMs: 0,
};

/** Rolling windows over the sandbox clock, so advancing the clock also refills them. */
export class RealmLimiter {
  private admitted: number[] = [];
  private batches: number[] = [];
  private inFlight = 0;
  private current: LimitSettings = { ...DEFAULT_LIMITS };

  constructor(private readonly clock: Clock) {}

  settings(): LimitSettings {
    return { ...this.current };
  }

  update(patch: Partial<LimitSettings>): LimitSettings {
    this.current = { ...this.current, ...patch };
    return this.settings();
  }

  reset(): void {
    this.current = { ...DEFAULT_LIMITS };
    this.admitted = [];
    this.batches = [];
  }

  /** Admits a request and returns its release function, or null when it must be throttled (429). */
  admit(isBatch: boolean): (() => void) | null {
    const now = this.clock.now();
    this.admitted = this.admitted.filter((at) => at > now - 60_000);
    this.batches = this.batches.filter((at) => at > now - 60_000);
    const { requestsPerMinute, requestsPerSecond, concurrentRequests, batchRequestsPerMinute } = this.current;
    const lastSecond = this.admitted.filter((at) => at > now - 1000).length;
    if (
      (requestsPerMinute !== null && this.admitted.length >= requestsPerMinute) ||
      (requestsPerSecond !== null && lastSecond >= requestsPerSecond) ||
      (concurrentRequests !== null && this.inFlight >= concurrentRequests) ||
      (isBatch && batchRequestsPerMinute !== null && this.batches.length >= batchRequestsPerMinute)
    ) {
      return null;
    }
    this.admitted.push(now);
    if (isBatch) this.batches.push(now);
    this.inFlight += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.inFlight -= 1;
    };
  }
}
