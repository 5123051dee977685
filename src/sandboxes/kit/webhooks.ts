import type { Rng } from "./prng.ts";

/** One signed request ready to send; the platform builds body, headers and signature. */
export interface OutgoingWebhook {
  readonly subscriptionId: string;
  readonly topic: string;
  readonly url: string;
  readonly body: string;
  readonly headers: Readonly<Record<string, string>>;
  /** Shared by a delivery and its duplicate, so a receiver can tell them apart from new events. */
  readonly eventId: string;
}

export interface WebhookMode {
  /** Send every webhook twice with the same ids, as at-least-once delivery may. */
  readonly duplicate: boolean;
  /** Hold deliveries for a short window and send them shuffled. */
  readonly outOfOrder: boolean;
  /** Record deliveries as dropped and never send them (the platform lost them). */
  readonly drop: boolean;
}

export interface DeliveryRecord {
  readonly subscriptionId: string;
  readonly topic: string;
  readonly url: string;
  readonly eventId: string;
  readonly attempt: number;
  readonly duplicate: boolean;
  readonly dropped: boolean;
  readonly status: number | null;
  readonly ok: boolean;
  readonly error: string | null;
  readonly sentAt: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

export interface DispatcherOptions {
  readonly rng: Rng;
  /** Waits before each retry of a failed delivery; its length is the number of retries. */
  readonly retryDelaysMs: readonly number[];
  /** Which answers count as delivered; default 2xx. */
  readonly isSuccess?: (status: number) => boolean;
  /** Called once per webhook after its last attempt (not for duplicates or drops). */
  readonly onSettled?: (webhook: OutgoingWebhook, ok: boolean) => void;
  readonly timeoutMs?: number;
  readonly outOfOrderWindowMs?: number;
  readonly log?: (message: string) => void;
  /**
   * Headers for one attempt, for platforms that sign each attempt anew (a timestamp inside the
   * signature, as Standard Webhooks has); default the webhook's own headers on every attempt.
   */
  readonly headersFor?: (webhook: OutgoingWebhook, attempt: number) => Readonly<Record<string, string>>;
}

interface Job {
  readonly webhook: OutgoingWebhook;
  readonly duplicate: boolean;
}

const MAX_RECORDS = 10_000;
const NORMAL: WebhookMode = { duplicate: false, outOfOrder: false, drop: false };

/**
 * Sends platform webhooks asynchronously: one at a time per endpoint (so order changes only
 * when asked), retried on the platform's schedule, with switches for duplicates, shuffling
 * and drops. Every attempt is recorded for tests and the control API.
 */
export class WebhookDispatcher {
  mode: WebhookMode = NORMAL;
  private records: DeliveryRecord[] = [];
  private readonly chains = new Map<string, Promise<void>>();
  private readonly pending = new Set<Promise<void>>();
  private buffer: Job[] = [];
  private flushTimer: NodeJS.Timeout | null = null;
  private releaseFlush: () => void = () => {};
  private stopped = false;
  private readonly sleepers = new Set<() => void>();

  constructor(private options: DispatcherOptions) {}

  /** Attaches the platform's per-attempt headers and settlement callback, which need the dispatcher first. */
  attach(hooks: Pick<DispatcherOptions, "headersFor" | "onSettled">): void {
    this.options = { ...this.options, ...hooks };
  }

  send(webhook: OutgoingWebhook): void {
    if (this.stopped) return;
    if (this.mode.drop) {
      this.record({ webhook, duplicate: false }, 0, { status: null, error: "dropped", dropped: true });
      return;
    }
    this.enqueue({ webhook, duplicate: false });
    if (this.mode.duplicate) this.enqueue({ webhook, duplicate: true });
  }

  private enqueue(job: Job): void {
    if (!this.mode.outOfOrder) {
      this.schedule(job);
      return;
    }
    this.buffer.push(job);
    if (this.flushTimer) return;
    this.track(new Promise<void>((resolve) => (this.releaseFlush = resolve)));
    this.flushTimer = setTimeout(() => this.flush(), this.options.outOfOrderWindowMs ?? 30);
  }

  private flush(): void {
    const jobs = this.stopped ? [] : this.options.rng.shuffle(this.buffer);
    this.buffer = [];
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    for (const job of jobs) this.schedule(job);
    this.releaseFlush();
  }

  private schedule(job: Job): void {
    const url = job.webhook.url;
    const next = (this.chains.get(url) ?? Promise.resolve()).then(() => this.deliver(job, 1));
    this.chains.set(url, next);
    this.track(next);
  }

  private track(promise: Promise<void>): void {
    this.pending.add(promise);
    void promise.finally(() => this.pending.delete(promise));
  }

  private async deliver(job: Job, attempt: number): Promise<void> {
    if (this.stopped) return;
    const { webhook } = job;
    let status: number | null = null;
    let error: string | null = null;
    const headers = this.options.headersFor?.(webhook, attempt) ?? webhook.headers;
    try {
      const response = await fetch(webhook.url, {
        method: "POST",
        headers,
        body: webhook.body,
        redirect: "manual",
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 5000),
      });
      status = response.status;
      await response.arrayBuffer();
    } catch (caught) {
      error = (caught as Error).message;
    }
    const ok = status !== null && (this.options.isSuccess ?? isTwoHundred)(status);
    this.record(job, attempt, { status, error, dropped: false }, headers);
    const delay = this.options.retryDelaysMs[attempt - 1];
    if (ok || delay === undefined || this.stopped) {
      if (!ok)
        this.options.log?.(`webhook ${webhook.topic} to ${webhook.url} failed after ${attempt} attempts`);
      if (!job.duplicate) this.options.onSettled?.(webhook, ok);
      return;
    }
    // A retry waits outside the endpoint's chain: later events are not held back behind it.
    this.track(this.sleep(delay).then(() => this.deliver(job, attempt + 1)));
  }

  private record(
    job: Job,
    attempt: number,
    outcome: { status: number | null; error: string | null; dropped: boolean },
    headers: Readonly<Record<string, string>> = job.webhook.headers,
  ): void {
    const { webhook } = job;
    this.records.push({
      subscriptionId: webhook.subscriptionId,
      topic: webhook.topic,
      url: webhook.url,
      eventId: webhook.eventId,
      attempt,
      duplicate: job.duplicate,
      dropped: outcome.dropped,
      status: outcome.status,
      ok: outcome.status !== null && (this.options.isSuccess ?? isTwoHundred)(outcome.status),
      error: outcome.error,
      sentAt: new Date().toISOString(),
      headers,
      body: webhook.body,
    });
    if (this.records.length > MAX_RECORDS) this.records.splice(0, this.records.length - MAX_RECORDS);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.sleepers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.sleepers.add(wake);
    });
  }

  deliveries(filter: { readonly topic?: string } = {}): readonly DeliveryRecord[] {
    return filter.topic === undefined ? this.records : this.records.filter((r) => r.topic === filter.topic);
  }

  /** Resolves once every queued delivery (and its retries) has finished. */
  async whenIdle(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  /** Drops queued retries and sends nothing more (the sandbox is closing). */
  stop(): void {
    this.stopped = true;
    this.flush();
    for (const wake of [...this.sleepers]) wake();
  }

  clear(): void {
    this.records = [];
    this.mode = NORMAL;
  }
}

function isTwoHundred(status: number): boolean {
  return status >= 200 && status < 300;
}
