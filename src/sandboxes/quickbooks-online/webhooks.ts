import { createHmac, randomUUID } from "node:crypto";
import type { Clock } from "./clock.ts";
import type { EntityChange, EntityName } from "./types.ts";
import {
  cloudEventsPayload,
  legacyPayload,
  WEBHOOK_ENTITIES,
  type WebhookFormat,
} from "./webhook-payloads.ts";

/** `intuit-signature`: base64(HMAC-SHA256(raw body, verifier token)). */
export function signIntuitWebhook(body: string | Uint8Array, verifierToken: string): string {
  return createHmac("sha256", verifierToken).update(body).digest("base64");
}

export interface WebhookSubscriptionInput {
  url: string;
  /** Payload format. Default "cloudevents" (Intuit's current format). */
  format?: WebhookFormat;
  /** Entities to notify about. Default: all Intuit sends webhooks for. */
  entities?: EntityName[];
}

export interface WebhookDelivery {
  subscriptionId: string;
  url: string;
  format: WebhookFormat;
  /** Sandbox-clock ISO time of the attempt. */
  at: string;
  body: string;
  signature: string;
  events: number;
  /** HTTP status of the subscriber's answer, or null when it could not be reached. */
  status: number | null;
  error?: string;
  /** 1 for the first try of a notification, 2… for Intuit's retries of the same body. */
  attempt: number;
  /** Schedule delay (before time scaling) until the next retry, or null once the notification is acknowledged. */
  retryInMs: number | null;
}

/**
 * Intuit's published retry intervals after a delivery that is not acknowledged with a 2xx within
 * 3 s: 10 s, 20 s, 30 s, 5 min, 20 min, 2 h, 4 h, 6 h, then every 6 h.
 */
export const WEBHOOK_RETRY_SCHEDULE_MS = [
  10_000, 20_000, 30_000, 300_000, 1_200_000, 7_200_000, 14_400_000, 21_600_000,
] as const;
const RETRY_FOREVER_EVERY_MS = 21_600_000;

export function webhookRetryDelayMs(failedAttempts: number): number {
  return WEBHOOK_RETRY_SCHEDULE_MS[failedAttempts - 1] ?? RETRY_FOREVER_EVERY_MS;
}

interface Notification {
  body: string;
  signature: string;
  events: number;
}

interface Subscription {
  id: string;
  url: string;
  format: WebhookFormat;
  entities: ReadonlySet<EntityName>;
  /** The notification being retried; later changes wait behind it, as Intuit holds them. */
  failing?: { notification: Notification; attempts: number; timer: NodeJS.Timeout };
  waiting: EntityChange[];
}

/** Intuit counts an answer slower than 3 s as a failure. */
const DELIVERY_TIMEOUT_MS = 3_000;

/**
 * Collects changes and posts them in aggregated notifications, as Intuit does, after `batchMs`
 * of real time (or at once through `flush()`). A delivery that is not acknowledged is retried on
 * Intuit's schedule, each delay multiplied by `retryTimeScale` (1 = real time; tests use less).
 */
export class WebhookDispatcher {
  private subscriptions = new Map<string, Subscription>();
  private pending: EntityChange[] = [];
  private timer: NodeJS.Timeout | undefined;
  private log: WebhookDelivery[] = [];
  private inFlight = new Set<Promise<WebhookDelivery[]>>();
  private closed = false;

  constructor(
    private readonly clock: Clock,
    private readonly realmId: string,
    private readonly verifierToken: string,
    private readonly batchMs: number,
    private readonly retryTimeScale = 1,
  ) {}

  subscribe(input: WebhookSubscriptionInput): { id: string } {
    const id = randomUUID();
    const entities = new Set(input.entities ?? WEBHOOK_ENTITIES);
    this.subscriptions.set(id, {
      id,
      url: input.url,
      format: input.format ?? "cloudevents",
      entities,
      waiting: [],
    });
    return { id };
  }

  unsubscribe(id: string): boolean {
    clearTimeout(this.subscriptions.get(id)?.failing?.timer);
    return this.subscriptions.delete(id);
  }

  record(change: EntityChange): void {
    if (!WEBHOOK_ENTITIES.has(change.entity) || this.subscriptions.size === 0) return;
    this.pending.push(change);
    this.timer ??= setTimeout(() => void this.flush(), this.batchMs);
  }

  flush(): Promise<WebhookDelivery[]> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const changes = this.pending;
    this.pending = [];
    const run = Promise.all(
      [...this.subscriptions.values()].map((subscription) => this.deliver(subscription, changes)),
    ).then((results) => results.filter((result): result is WebhookDelivery => result !== null));
    this.inFlight.add(run);
    void run.finally(() => this.inFlight.delete(run));
    return run;
  }

  deliveries(): WebhookDelivery[] {
    return this.log.map((delivery) => ({ ...delivery }));
  }

  clear(): void {
    this.stopTimers();
    this.pending = [];
    this.log = [];
    this.subscriptions.clear();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.stopTimers();
    this.pending = [];
    await Promise.allSettled([...this.inFlight]);
    this.stopTimers();
  }

  private stopTimers(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    for (const subscription of this.subscriptions.values()) clearTimeout(subscription.failing?.timer);
  }

  private async deliver(
    subscription: Subscription,
    changes: EntityChange[],
  ): Promise<WebhookDelivery | null> {
    const relevant = changes.filter((change) => subscription.entities.has(change.entity));
    if (relevant.length === 0) return null;
    if (subscription.failing) {
      subscription.waiting.push(...relevant);
      return null;
    }
    const payload =
      subscription.format === "cloudevents"
        ? cloudEventsPayload(this.realmId, relevant)
        : legacyPayload(this.realmId, relevant);
    const body = JSON.stringify(payload);
    const notification = {
      body,
      signature: signIntuitWebhook(body, this.verifierToken),
      events: relevant.length,
    };
    return this.attempt(subscription, notification, 1);
  }

  private async attempt(
    subscription: Subscription,
    notification: Notification,
    attempt: number,
  ): Promise<WebhookDelivery> {
    const { body, signature } = notification;
    const delivery: WebhookDelivery = {
      subscriptionId: subscription.id,
      url: subscription.url,
      format: subscription.format,
      at: new Date(this.clock.now()).toISOString(),
      body,
      signature,
      events: notification.events,
      status: null,
      attempt,
      retryInMs: null,
    };
    try {
      const response = await fetch(subscription.url, {
        method: "POST",
        headers: { "content-type": "application/json", "intuit-signature": signature },
        body,
        signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
      });
      delivery.status = response.status;
      await response.body?.cancel();
    } catch (error) {
      delivery.error = error instanceof Error ? error.message : String(error);
    }
    const acknowledged = delivery.status !== null && delivery.status >= 200 && delivery.status < 300;
    if (acknowledged) {
      subscription.failing = undefined;
    } else if (!this.closed && this.subscriptions.get(subscription.id) === subscription) {
      delivery.retryInMs = webhookRetryDelayMs(attempt);
      const timer = setTimeout(
        () => this.track(this.attempt(subscription, notification, attempt + 1).then((d) => [d])),
        delivery.retryInMs * this.retryTimeScale,
      );
      subscription.failing = { notification, attempts: attempt, timer };
    }
    this.log.push(delivery);
    if (acknowledged && subscription.waiting.length > 0) {
      const next = subscription.waiting;
      subscription.waiting = [];
      this.track(this.deliver(subscription, next).then((d) => (d ? [d] : [])));
    }
    return delivery;
  }

  private track(run: Promise<WebhookDelivery[]>): void {
    this.inFlight.add(run);
    void run.finally(() => this.inFlight.delete(run));
  }
}
