/**
 * Rate-limit models. Each answers `take()` with a decision carrying what platforms put in their
 * headers (limit, remaining, when the window resets, how long to wait); the platform turns a
 * refusal into its own 429 body and headers.
 */
export interface RateDecision {
  readonly allowed: boolean;
  readonly limit: number;
  /** Requests (or points) left after this one. */
  readonly remaining: number;
  /** Milliseconds until the window resets or the bucket has room again. */
  readonly resetMs: number;
  /** Milliseconds to wait before retrying; 0 when allowed. */
  readonly retryAfterMs: number;
}

export interface RateModel {
  take(cost?: number): RateDecision;
  /** Back to a fresh window / full bucket. */
  reset(): void;
}

/** `limit` requests per window of `windowMs`, windows starting at the first request after a reset. */
export class FixedWindow implements RateModel {
  private windowStart = Number.NEGATIVE_INFINITY;
  private used = 0;

  constructor(
    private readonly settings: { readonly limit: number; readonly windowMs: number },
    private readonly nowMs: () => number,
  ) {}

  take(cost = 1): RateDecision {
    const now = this.nowMs();
    if (now - this.windowStart >= this.settings.windowMs) {
      this.windowStart = now;
      this.used = 0;
    }
    const resetMs = this.windowStart + this.settings.windowMs - now;
    const allowed = this.used + cost <= this.settings.limit;
    if (allowed) this.used += cost;
    return {
      allowed,
      limit: this.settings.limit,
      remaining: Math.max(0, this.settings.limit - this.used),
      resetMs,
      retryAfterMs: allowed ? 0 : resetMs,
    };
  }

  reset(): void {
    this.windowStart = Number.NEGATIVE_INFINITY;
    this.used = 0;
  }
}

/** `perSecond` requests in each clock second (QuickBooks-style per-second quotas). */
export class PerSecondQuota implements RateModel {
  private second = Number.NaN;
  private used = 0;

  constructor(
    private readonly perSecond: number,
    private readonly nowMs: () => number,
  ) {}

  take(cost = 1): RateDecision {
    const now = this.nowMs();
    const second = Math.floor(now / 1000);
    if (second !== this.second) {
      this.second = second;
      this.used = 0;
    }
    const resetMs = (second + 1) * 1000 - now;
    const allowed = this.used + cost <= this.perSecond;
    if (allowed) this.used += cost;
    return {
      allowed,
      limit: this.perSecond,
      remaining: Math.max(0, this.perSecond - this.used),
      resetMs,
      retryAfterMs: allowed ? 0 : resetMs,
    };
  }

  reset(): void {
    this.second = Number.NaN;
    this.used = 0;
  }
}

/**
 * A leaky bucket of `capacity` that drains `leakPerSecond` units a second; each request pours
 * `cost` in and is refused when it would overflow (Shopify REST's 40 / 2 per second).
 */
export class LeakyBucket implements RateModel {
  private level = 0;
  private updatedAt: number;

  constructor(
    private readonly settings: { readonly capacity: number; readonly leakPerSecond: number },
    private readonly nowMs: () => number,
  ) {
    this.updatedAt = nowMs();
  }

  private drain(): void {
    const now = this.nowMs();
    const elapsed = Math.max(0, now - this.updatedAt) / 1000;
    this.level = Math.max(0, this.level - elapsed * this.settings.leakPerSecond);
    this.updatedAt = now;
  }

  take(cost = 1): RateDecision {
    this.drain();
    const allowed = this.level + cost <= this.settings.capacity;
    if (allowed) this.level += cost;
    const overflow = Math.max(0, this.level + (allowed ? 0 : cost) - this.settings.capacity);
    const waitMs = Math.ceil((overflow / this.settings.leakPerSecond) * 1000);
    return {
      allowed,
      limit: this.settings.capacity,
      remaining: Math.floor(this.settings.capacity - this.level),
      resetMs: Math.ceil((this.level / this.settings.leakPerSecond) * 1000),
      retryAfterMs: allowed ? 0 : waitMs,
    };
  }

  reset(): void {
    this.level = 0;
    this.updatedAt = this.nowMs();
  }
}
