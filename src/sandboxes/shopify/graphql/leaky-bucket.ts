export interface ThrottleStatus {
  readonly maximumAvailable: number;
  readonly currentlyAvailable: number;
  readonly restoreRate: number;
}

export interface BucketSettings {
  readonly maximumAvailable?: number;
  readonly restoreRate?: number;
  readonly currentlyAvailable?: number;
}

/**
 * Shopify's per-shop cost bucket: it refills continuously at `restoreRate` points per
 * second up to `maximumAvailable`; a query is debited its requested cost up front and
 * refunded the difference once its actual cost is known.
 */
export class LeakyBucket {
  private maximum: number;
  private rate: number;
  private available: number;
  private updatedAt: number;

  constructor(
    settings: { maximumAvailable: number; restoreRate: number },
    private readonly nowMs: () => number,
  ) {
    this.maximum = settings.maximumAvailable;
    this.rate = settings.restoreRate;
    this.available = settings.maximumAvailable;
    this.updatedAt = nowMs();
  }

  private refill(): void {
    const now = this.nowMs();
    const elapsed = Math.max(0, now - this.updatedAt) / 1000;
    this.available = Math.min(this.maximum, this.available + elapsed * this.rate);
    this.updatedAt = now;
  }

  /** Debits `cost` if the bucket holds that much; otherwise leaves it untouched. */
  tryTake(cost: number): boolean {
    this.refill();
    if (cost > this.available) return false;
    this.available -= cost;
    return true;
  }

  refund(points: number): void {
    this.refill();
    this.available = Math.min(this.maximum, this.available + Math.max(0, points));
  }

  status(): ThrottleStatus {
    this.refill();
    return {
      maximumAvailable: this.maximum,
      currentlyAvailable: Math.floor(this.available),
      restoreRate: this.rate,
    };
  }

  configure(settings: BucketSettings): ThrottleStatus {
    this.refill();
    if (settings.maximumAvailable !== undefined) this.maximum = settings.maximumAvailable;
    if (settings.restoreRate !== undefined) this.rate = settings.restoreRate;
    this.available = Math.min(this.maximum, settings.currentlyAvailable ?? this.available);
    return this.status();
  }
}
