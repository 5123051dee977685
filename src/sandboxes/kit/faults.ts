/**
 * Faults the control API switches on from outside: a lasting outage, a burst of N server
 * errors, N forced throttles. The server asks `next()` once per API request; the platform
 * renders what comes back in its own error shape.
 */
export type FaultStatus = 500 | 502 | 503 | 504;

export type Fault =
  | { readonly kind: "outage"; readonly status: FaultStatus }
  | { readonly kind: "error"; readonly status: FaultStatus }
  | { readonly kind: "throttle" };

export interface FaultsState {
  readonly outage: FaultStatus | null;
  readonly errorsLeft: number;
  readonly errorStatus: FaultStatus;
  readonly throttlesLeft: number;
}

export class Faults {
  private outage: FaultStatus | null = null;
  private errorsLeft = 0;
  private errorStatus: FaultStatus = 500;
  private throttlesLeft = 0;

  setOutage(status: FaultStatus | null): FaultsState {
    this.outage = status;
    return this.state();
  }

  /** The next `count` API requests fail with `status`. */
  errorBurst(count: number, status: FaultStatus = 500): FaultsState {
    this.errorsLeft = count;
    this.errorStatus = status;
    return this.state();
  }

  /** The next `count` API requests are refused as over the rate limit. */
  forceThrottle(count: number): FaultsState {
    this.throttlesLeft = count;
    return this.state();
  }

  next(): Fault | null {
    if (this.outage !== null) return { kind: "outage", status: this.outage };
    if (this.errorsLeft > 0) {
      this.errorsLeft -= 1;
      return { kind: "error", status: this.errorStatus };
    }
    if (this.throttlesLeft > 0) {
      this.throttlesLeft -= 1;
      return { kind: "throttle" };
    }
    return null;
  }

  state(): FaultsState {
    return {
      outage: this.outage,
      errorsLeft: this.errorsLeft,
      errorStatus: this.errorStatus,
      throttlesLeft: this.throttlesLeft,
    };
  }

  clear(): void {
    this.outage = null;
    this.errorsLeft = 0;
    this.throttlesLeft = 0;
  }
}
