import { randomBytes } from "node:crypto";
import { hmacBase64 } from "../kit/signing.ts";
import type { OutgoingWebhook, WebhookDispatcher } from "../kit/webhooks.ts";
import { orderJson, productJson, type ShapeContext, variationJson } from "./shapes.ts";
import { isVariation, type StoreEvent, type WooWebhook } from "./store.ts";

export const WC_VERSION = "9.4.0";
export const USER_AGENT = `WooCommerce/${WC_VERSION} Hookshot (WordPress/6.7.1)`;
/** "After 5 consecutive failed deliveries … the webhook is disabled" (REST API docs, webhooks). */
export const MAX_DELIVERY_FAILURES = 5;
/** The admin guide counts 2xx, 301 and 302 as delivered. */
export const deliveredStatus = (status: number) =>
  (status >= 200 && status < 300) || status === 301 || status === 302;

export function signWooWebhook(body: string, secret: string): string {
  return hmacBase64("sha256", secret, body);
}

function payloadFor(ctx: ShapeContext, event: StoreEvent): unknown | null {
  const [resource, action] = event.topic.split(".");
  if (action === "deleted") return { id: event.resourceId };
  if (resource === "order") {
    const order = ctx.store.orders.get(event.resourceId);
    return order ? orderJson(ctx, order) : null;
  }
  if (resource === "product") {
    const item = ctx.store.item(event.resourceId);
    if (!item) return null;
    return isVariation(item) ? variationJson(ctx, item) : productJson(ctx, item);
  }
  return null;
}

/**
 * Turns store events into WooCommerce deliveries: one per active webhook on the topic, the
 * resource's REST JSON signed with the webhook's secret, sent through the kit dispatcher.
 * Consecutive failures are counted per webhook; at the limit it becomes `disabled`.
 */
export class WooWebhooks {
  constructor(
    private readonly ctx: ShapeContext,
    private readonly dispatcher: WebhookDispatcher,
  ) {
    ctx.store.listener = (event) => this.onEvent(event);
    dispatcher.attach({ onSettled: (webhook, ok) => this.settled(webhook, ok) });
  }

  private onEvent(event: StoreEvent): void {
    const hooks = [...this.ctx.store.webhooks.values()].filter(
      (w) => w.status === "active" && w.topic === event.topic,
    );
    if (hooks.length === 0) return;
    const payload = payloadFor(this.ctx, event);
    if (payload === null) return;
    const body = JSON.stringify(payload);
    for (const hook of hooks) this.dispatcher.send(this.outgoing(hook, body));
  }

  private outgoing(hook: WooWebhook, body: string): OutgoingWebhook {
    const [resource, event] = hook.topic.split(".");
    const deliveryId = randomBytes(16).toString("hex");
    return {
      subscriptionId: String(hook.id),
      topic: hook.topic,
      url: hook.deliveryUrl,
      body,
      eventId: deliveryId,
      headers: {
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
        "X-WC-Webhook-Source": `${this.ctx.siteUrl}/`,
        "X-WC-Webhook-Topic": hook.topic,
        "X-WC-Webhook-Resource": resource ?? "",
        "X-WC-Webhook-Event": event ?? "",
        "X-WC-Webhook-Signature": signWooWebhook(body, hook.secret),
        "X-WC-Webhook-ID": String(hook.id),
        "X-WC-Webhook-Delivery-ID": deliveryId,
      },
    };
  }

  /** After a webhook's last attempt: consecutive failures counted, the webhook disabled at the limit. */
  private settled(webhook: OutgoingWebhook, ok: boolean): void {
    const hook = this.ctx.store.webhooks.get(Number(webhook.subscriptionId));
    if (!hook) return;
    if (ok) {
      hook.failureCount = 0;
      return;
    }
    hook.failureCount += 1;
    if (hook.failureCount >= MAX_DELIVERY_FAILURES) {
      hook.status = "disabled";
      hook.modifiedMs = this.ctx.store.nowMs();
    }
  }

  /**
   * The ping core sends when a webhook is first saved as active: a form-encoded
   * `webhook_id=<id>` body, unsigned. Its outcome does not fail the creation.
   */
  async ping(hook: WooWebhook): Promise<{ status: number | null; error: string | null }> {
    try {
      const response = await fetch(hook.deliveryUrl, {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded", "User-Agent": USER_AGENT },
        body: `webhook_id=${hook.id}`,
        redirect: "manual",
        signal: AbortSignal.timeout(5000),
      });
      await response.arrayBuffer();
      return { status: response.status, error: null };
    } catch (caught) {
      return { status: null, error: (caught as Error).message };
    }
  }
}
