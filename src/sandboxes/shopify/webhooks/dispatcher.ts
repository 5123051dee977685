import { randomUUID } from "node:crypto";
import type { Rng } from "../prng.ts";
import type { Store, StoreEvent } from "../store/store.ts";
import { WEBHOOK_TOPICS, type WebhookTopic, type WebhookTopicEnum } from "../store/types.ts";
import { payloadFor } from "./payloads.ts";
import { signShopifyWebhook } from "./sign.ts";

export interface WebhookMode {
  /** Send every webhook twice (same webhook and event ids), as at-least-once delivery may. */
  readonly duplicate: boolean;
  /** Hold deliveries for a short window and send them shuffled. */
  readonly outOfOrder: boolean;
}

export interface DeliveryRecord {
  readonly topic: WebhookTopic;
  readonly url: string;
  readonly webhookId: string;
  readonly eventId: string;
  readonly attempt: number;
  readonly duplicate: boolean;
  readonly status: number | null;
  readonly ok: boolean;
  readonly error: string | null;
  readonly sentAt: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

interface Job {
  readonly topic: WebhookTopic;
  readonly url: string;
  readonly body: string;
  readonly webhookId: string;
  readonly eventId: string;
  readonly triggeredAt: string;
  readonly duplicate: boolean;
}

export interface DispatcherOptions {
  readonly store: Store;
  readonly apiSecret: string;
  readonly shopDomain: string;
  readonly apiVersion: string;
  readonly nowMs: () => number;
  readonly rng: Rng;
  /** Waits before each retry of a non-2xx delivery; its length is the number of retries. */
  readonly retryDelaysMs: readonly number[];
  readonly outOfOrderWindowMs?: number;
  readonly log?: (message: string) => void;
}

const TOPIC_ENUMS = new Map(
  Object.entries(WEBHOOK_TOPICS).map(([name, topic]) => [topic as WebhookTopic, name as WebhookTopicEnum]),
);
const MAX_RECORDS = 10_000;

/**
 * Delivers store events to subscribed HTTP endpoints the way Shopify does: REST-shaped
 * JSON, HMAC-signed, async, retried on failure, never guaranteed to arrive once or in order.
 */
export class WebhookDispatcher {
  mode: WebhookMode = { duplicate: false, outOfOrder: false };
  private records: DeliveryRecord[] = [];
  private readonly chains = new Map<string, Promise<void>>();
  private readonly pending = new Set<Promise<void>>();
  private buffer: Job[] = [];
  private flushTimer: NodeJS.Timeout | null = null;
  private releaseFlush: () => void = () => {};
  private stopped = false;
  private readonly sleepers = new Set<() => void>();

  constructor(private readonly options: DispatcherOptions) {
    options.store.listener = (event) => this.onEvent(event);
  }

  private onEvent(event: StoreEvent): void {
    const topicEnum = TOPIC_ENUMS.get(event.topic);
    const subscriptions = this.options.store.webhookSubscriptions.filter((s) => s.topic === topicEnum);
    if (subscriptions.length === 0) return;
    const body = JSON.stringify(payloadFor(this.options.store, event));
    const eventId = randomUUID();
    const triggeredAt = new Date(this.options.nowMs()).toISOString();
    for (const subscription of subscriptions) {
      const job = {
        topic: event.topic,
        url: subscription.uri,
        body,
        webhookId: randomUUID(),
        eventId,
        triggeredAt,
      };
      this.enqueue({ ...job, duplicate: false });
      if (this.mode.duplicate) this.enqueue({ ...job, duplicate: true });
    }
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
    for (const queued of jobs) this.schedule(queued);
    this.releaseFlush();
  }

  /** One delivery at a time per endpoint, so ordering changes only when the mode asks for it. */
  private schedule(job: Job): void {
    const previous = this.chains.get(job.url) ?? Promise.resolve();
    const next = previous.then(() => this.deliver(job, 1));
    this.chains.set(job.url, next);
    this.track(next);
  }

  private track(promise: Promise<void>): void {
    this.pending.add(promise);
    void promise.finally(() => this.pending.delete(promise));
  }

  private async deliver(job: Job, attempt: number): Promise<void> {
    if (this.stopped) return;
    const headers: Record<string, string> = {
      "Content-Type": "application/json",
      "User-Agent": "Shopify-Captain-Hook",
      "X-Shopify-Topic": job.topic,
      "X-Shopify-Hmac-SHA256": signShopifyWebhook(job.body, this.options.apiSecret),
      "X-Shopify-Shop-Domain": this.options.shopDomain,
      "X-Shopify-API-Version": this.options.apiVersion,
      "X-Shopify-Webhook-Id": job.webhookId,
      "X-Shopify-Event-Id": job.eventId,
      "X-Shopify-Triggered-At": job.triggeredAt,
    };
    let status: number | null = null;
    let error: string | null = null;
    try {
      const response = await fetch(job.url, {
        method: "POST",
        headers,
        body: job.body,
        signal: AbortSignal.timeout(5000),
      });
      status = response.status;
      await response.arrayBuffer();
    } catch (caught) {
      error = (caught as Error).message;
    }
    const ok = status !== null && status >= 200 && status < 300;
    this.record({ ...job, attempt, status, ok, error, sentAt: new Date().toISOString(), headers });
    const delay = this.options.retryDelaysMs[attempt - 1];
    if (ok || delay === undefined) {
      if (!ok) this.options.log?.(`webhook ${job.topic} to ${job.url} failed after ${attempt} attempts`);
      return;
    }
    // A retry waits outside the endpoint's chain: later events are not held back behind it.
    this.track(this.sleep(delay).then(() => this.deliver(job, attempt + 1)));
  }

  private record(entry: DeliveryRecord & Partial<Job>): void {
    const { topic, url, webhookId, eventId, attempt, duplicate, status, ok, error, sentAt, headers, body } =
      entry;
    this.records.push({
      topic,
      url,
      webhookId,
      eventId,
      attempt,
      duplicate,
      status,
      ok,
      error,
      sentAt,
      headers,
      body,
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

  /** Drops queued retries and sends nothing more (the sandbox is closing). */
  stop(): void {
    this.stopped = true;
    this.flush();
    for (const wake of [...this.sleepers]) wake();
  }

  deliveries(): readonly DeliveryRecord[] {
    return this.records;
  }

  /** Resolves once every queued delivery (and its retries) has finished. */
  async whenIdle(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  clear(): void {
    this.records = [];
    this.mode = { duplicate: false, outOfOrder: false };
  }
}
