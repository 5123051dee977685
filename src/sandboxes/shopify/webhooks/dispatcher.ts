import { randomUUID } from "node:crypto";
import {
  type DeliveryRecord as KitDeliveryRecord,
  WebhookDispatcher as KitDispatcher,
} from "../../kit/webhooks.ts";
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

export type DeliveryRecord = Omit<KitDeliveryRecord, "subscriptionId" | "dropped" | "topic"> & {
  readonly topic: WebhookTopic;
  readonly webhookId: string;
};

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

/**
 * Delivers store events to subscribed HTTP endpoints the way Shopify does: REST-shaped
 * JSON, HMAC-signed, through the kit's dispatcher (async, retried on failure, one at a time per
 * endpoint, duplicates and shuffling on request), never guaranteed to arrive once or in order.
 */
export class WebhookDispatcher {
  private readonly kit: KitDispatcher;

  constructor(private readonly options: DispatcherOptions) {
    this.kit = new KitDispatcher({
      rng: options.rng,
      retryDelaysMs: options.retryDelaysMs,
      ...(options.outOfOrderWindowMs !== undefined ? { outOfOrderWindowMs: options.outOfOrderWindowMs } : {}),
      ...(options.log ? { log: options.log } : {}),
    });
    options.store.listener = (event) => this.onEvent(event);
  }

  get mode(): WebhookMode {
    return { duplicate: this.kit.mode.duplicate, outOfOrder: this.kit.mode.outOfOrder };
  }

  set mode(mode: WebhookMode) {
    this.kit.mode = { ...this.kit.mode, ...mode };
  }

  private onEvent(event: StoreEvent): void {
    const topicEnum = TOPIC_ENUMS.get(event.topic);
    const subscriptions = this.options.store.webhookSubscriptions.filter((s) => s.topic === topicEnum);
    if (subscriptions.length === 0) return;
    const body = JSON.stringify(payloadFor(this.options.store, event));
    const eventId = randomUUID();
    const triggeredAt = new Date(this.options.nowMs()).toISOString();
    for (const subscription of subscriptions) {
      const webhookId = randomUUID();
      this.kit.send({
        subscriptionId: webhookId,
        topic: event.topic,
        url: subscription.uri,
        body,
        eventId,
        headers: {
          "Content-Type": "application/json",
          "User-Agent": "Shopify-Captain-Hook",
          "X-Shopify-Topic": event.topic,
          "X-Shopify-Hmac-SHA256": signShopifyWebhook(body, this.options.apiSecret),
          "X-Shopify-Shop-Domain": this.options.shopDomain,
          "X-Shopify-API-Version": this.options.apiVersion,
          "X-Shopify-Webhook-Id": webhookId,
          "X-Shopify-Event-Id": eventId,
          "X-Shopify-Triggered-At": triggeredAt,
        },
      });
    }
  }

  deliveries(): readonly DeliveryRecord[] {
    return this.kit.deliveries().map(({ subscriptionId, dropped: _, ...r }) => ({
      ...r,
      topic: r.topic as WebhookTopic,
      webhookId: subscriptionId,
    }));
  }

  /** Resolves once every queued delivery (and its retries) has finished. */
  whenIdle(): Promise<void> {
    return this.kit.whenIdle();
  }

  /** Drops queued retries and sends nothing more (the sandbox is closing). */
  stop(): void {
    this.kit.stop();
  }

  clear(): void {
    this.kit.clear();
  }
}
