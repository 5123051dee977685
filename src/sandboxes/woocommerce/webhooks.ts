import { randomBytes } from "node:crypto";
import { hmacBase64 } from "../kit/signing.ts";
import { emitStoreWebhooks } from "../kit/store/emitter.ts";
import type { StoreEvent, StoreItem, StoreSubscription } from "../kit/store/records.ts";
import type { WebhookDispatcher } from "../kit/webhooks.ts";
import { orderJson, productJson, type ShapeContext, variationJson } from "./shapes.ts";
import { isVariation, type OrderStatus } from "./store.ts";

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

/** Core's topics for the store's events: stock moved by an order sends nothing, as `wc_update_product_stock` saves silently. */
function topics(ctx: ShapeContext, event: StoreEvent<OrderStatus>) {
  const item = (i: StoreItem) => () =>
    JSON.stringify(
      isVariation(ctx.store, i) ? variationJson(ctx, i) : productJson(ctx, ctx.store.productOf(i)),
    );
  switch (event.type) {
    case "order.created":
      return [{ topic: "order.created", body: () => JSON.stringify(orderJson(ctx, event.order)) }];
    case "order.status":
    case "order.updated":
      return [{ topic: "order.updated", body: () => JSON.stringify(orderJson(ctx, event.order)) }];
    case "item.updated":
      return [{ topic: "product.updated", body: item(event.item) }];
    case "stock":
      return event.cause === "manual" ? [{ topic: "product.updated", body: item(event.item) }] : [];
    case "product.updated":
      return [{ topic: "product.updated", body: () => JSON.stringify(productJson(ctx, event.product)) }];
    default:
      return [];
  }
}

/**
 * WooCommerce deliveries: one per active webhook on the topic, the resource's REST JSON signed
 * with the webhook's secret; five consecutive failures disable the webhook.
 */
export function wooWebhooks(ctx: ShapeContext, dispatcher: WebhookDispatcher): void {
  emitStoreWebhooks(ctx.store, dispatcher, {
    topics: (event) => topics(ctx, event),
    failuresToDisable: MAX_DELIVERY_FAILURES,
    outgoing(hook, topic, body) {
      const [resource, event] = topic.split(".");
      const deliveryId = randomBytes(16).toString("hex");
      return {
        subscriptionId: String(hook.id),
        topic,
        url: hook.url,
        body,
        eventId: deliveryId,
        headers: {
          "Content-Type": "application/json",
          "User-Agent": USER_AGENT,
          "X-WC-Webhook-Source": `${ctx.siteUrl}/`,
          "X-WC-Webhook-Topic": topic,
          "X-WC-Webhook-Resource": resource ?? "",
          "X-WC-Webhook-Event": event ?? "",
          "X-WC-Webhook-Signature": signWooWebhook(body, hook.secret),
          "X-WC-Webhook-ID": String(hook.id),
          "X-WC-Webhook-Delivery-ID": deliveryId,
        },
      };
    },
  });
}

/**
 * The ping core sends when a webhook is first saved as active: a form-encoded
 * `webhook_id=<id>` body, unsigned. Its outcome does not fail the creation.
 */
export async function pingWebhook(
  hook: StoreSubscription,
): Promise<{ status: number | null; error: string | null }> {
  try {
    const response = await fetch(hook.url, {
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
