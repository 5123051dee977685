export interface RequestLogEntry {
  /** Sandbox-clock ISO time. */
  at: string;
  method: string;
  path: string;
  status: number;
  throttled: boolean;
  /** `minorversion` as the client sent it (null when absent). */
  minorVersion: number | null;
  /** The version answered: QBO treats anything below 75 (or none) as 75. */
  effectiveMinorVersion: number;
  requestId: string | null;
  /** True when the response was the stored answer to an earlier request with the same `requestid`. */
  replayed: boolean;
}

export interface RequestLogSummary {
  count: number;
  throttled: number;
  entries: RequestLogEntry[];
}

const KEEP_ENTRIES = 10_000;

/** API calls as the sandbox saw them; counts survive after old entries are dropped. */
export class RequestLog {
  private entries: RequestLogEntry[] = [];
  private count = 0;
  private throttled = 0;

  add(entry: RequestLogEntry): void {
    this.count += 1;
    if (entry.throttled) this.throttled += 1;
    this.entries.push(entry);
    if (this.entries.length > KEEP_ENTRIES) this.entries.shift();
  }

  summary(): RequestLogSummary {
    return { count: this.count, throttled: this.throttled, entries: this.entries.map((e) => ({ ...e })) };
  }

  clear(): void {
    this.entries = [];
    this.count = 0;
    this.throttled = 0;
  }
}
