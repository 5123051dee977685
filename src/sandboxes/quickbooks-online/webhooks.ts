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
}

interface Subscription {
  id: string;
  url: string;
  format: WebhookFormat;
  entities: ReadonlySet<EntityName>;
}

const DELIVERY_TIMEOUT_MS = 10_000;

/**
 * Collects changes and posts them in aggregated notifications, as Intuit does, after `batchMs`
 * of real time (or at once through `flush()`). Failed deliveries are recorded, not retried.
 */
export class WebhookDispatcher {
  private subscriptions = new Map<string, Subscription>();
  private pending: EntityChange[] = [];
  private timer: NodeJS.Timeout | undefined;
  private log: WebhookDelivery[] = [];
  private inFlight = new Set<Promise<WebhookDelivery[]>>();

  constructor(
    private readonly clock: Clock,
    private readonly realmId: string,
    private readonly verifierToken: string,
    private readonly batchMs: number,
  ) {}

  subscribe(input: WebhookSubscriptionInput): { id: string } {
    const id = randomUUID();
    const entities = new Set(input.entities ?? WEBHOOK_ENTITIES);
    this.subscriptions.set(id, { id, url: input.url, format: input.format ?? "cloudevents", entities });
    return { id };
  }

  unsubscribe(id: string): boolean {
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
    clearTimeout(this.timer);
    this.timer = undefined;
    this.pending = [];
    this.log = [];
    this.subscriptions.clear();
  }

  async close(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.pending = [];
    await Promise.allSettled([...this.inFlight]);
  }

  private async deliver(
    subscription: Subscription,
    changes: EntityChange[],
  ): Promise<WebhookDelivery | null> {
    const relevant = changes.filter((change) => subscription.entities.has(change.entity));
    if (relevant.length === 0) return null;
    const payload =
      subscription.format === "cloudevents"
        ? cloudEventsPayload(this.realmId, relevant)
        : legacyPayload(this.realmId, relevant);
    const body = JSON.stringify(payload);
    const signature = signIntuitWebhook(body, this.verifierToken);
    const delivery: WebhookDelivery = {
      subscriptionId: subscription.id,
      url: subscription.url,
      format: subscription.format,
      at: new Date(this.clock.now()).toISOString(),
      body,
      signature,
      events: relevant.length,
      status: null,
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
    this.log.push(delivery);
    return delivery;
  }
}
