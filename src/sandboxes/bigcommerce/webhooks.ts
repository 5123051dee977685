import { createHash, createHmac, randomUUID } from "node:crypto";
import { emitStoreWebhooks } from "../kit/store/emitter.ts";
import type { StoreEvent } from "../kit/store/records.ts";
import type { WebhookDispatcher } from "../kit/webhooks.ts";
import type { BcContext } from "./routes/common.ts";
import { skuIdOf, trackingOf } from "./store.ts";

/** Waits before each retry, in seconds ("Callback retry mechanism", https-webhook-overview.mdx). */
export const RETRY_SCHEDULE_SECONDS = [
  60, 180, 300, 600, 900, 1800, 3600, 7200, 21600, 50400, 86400,
] as const;

/**
 * Standard Webhooks' `webhook-signature`: `v1,` + base64 HMAC-SHA256 of `{id}.{timestamp}.{body}`.
 * BigCommerce's samples hand the verifier base64(client secret), which the verifier decodes:
 * the HMAC key is the client secret's own bytes.
 */
export function signStandardWebhook(
  clientSecret: string,
  id: string,
  timestampSeconds: number,
  body: string,
): string {
  const digest = createHmac("sha256", Buffer.from(clientSecret, "utf8"))
    .update(`${id}.${timestampSeconds}.${body}`)
    .digest("base64");
  return `v1,${digest}`;
}

/** `store/order/*` covers every scope below `store/order/`. */
export function scopeMatches(hookScope: string, eventScope: string): boolean {
  if (hookScope === eventScope) return true;
  return hookScope.endsWith("/*") && eventScope.startsWith(hookScope.slice(0, -1));
}

type Delivery = { readonly topic: string; readonly body: () => string };

/**
 * BigCommerce's thin payloads for the store's events: orders (created, updated and
 * statusUpdated when the status changes, refunds), shipments, products, and inventory by
 * product and, for products tracked by variant, by SKU; order-driven stock uses the
 * `…/inventory/order/updated` scopes, as BigCommerce separates them.
 */
function scopes(
  ctx: BcContext,
  event: StoreEvent<number>,
  body: (scope: string, data: unknown) => Delivery,
): Delivery[] {
  const { store } = ctx;
  switch (event.type) {
    case "order.created":
      return [body("store/order/created", { type: "order", id: event.order.id })];
    case "order.status": {
      const { order, previous } = event;
      if (previous === order.status) return [];
      return [
        body("store/order/updated", { type: "order", id: order.id }),
        body("store/order/statusUpdated", {
          type: "order",
          id: order.id,
          status: { previous_status_id: previous, new_status_id: order.status },
        }),
      ];
    }
    case "refund.created":
      return [
        body("store/order/refund/created", {
          type: "order",
          id: event.order.id,
          refund: { refund_id: event.refund.id },
        }),
      ];
    case "shipment.created":
      return [
        body("store/shipment/created", { type: "shipment", id: event.shipment.id, orderId: event.order.id }),
      ];
    case "product.updated":
      return [body("store/product/updated", { type: "product", id: event.product.id })];
    case "stock": {
      const { item, cause } = event;
      const product = store.productOf(item);
      const byVariant = trackingOf(store, product) === "variant";
      const suffix = cause === "order" ? "inventory/order/updated" : "inventory/updated";
      const inventory = {
        product_id: product.id,
        method: cause === "order" ? "relative" : "absolute",
        value: store.onHand(item),
        ...(byVariant ? { variant_id: item.id } : {}),
      };
      return [
        body(`store/product/${suffix}`, { type: "product", id: product.id, inventory }),
        ...(byVariant
          ? [body(`store/sku/${suffix}`, { type: "sku", id: skuIdOf(ctx.ids, item) ?? item.id, inventory })]
          : []),
      ];
    }
    default:
      return [];
  }
}

/**
 * Sends BigCommerce deliveries: one thin payload per active hook whose scope matches, with the
 * hook's custom headers, signed per attempt (a fresh `webhook-timestamp` each time, the same
 * `webhook-id`). A hook whose delivery failed through the whole retry schedule is deactivated
 * (`is_active: false`), as BigCommerce does after ~48 hours.
 */
export function bcWebhooks(
  ctx: BcContext,
  dispatcher: WebhookDispatcher,
  clientSecret: string,
  storeId: string,
): void {
  const body = (scope: string, data: unknown): Delivery => ({
    topic: scope,
    body: () => {
      const createdAt = Math.floor(ctx.store.nowMs() / 1000);
      const hash = createHash("sha1")
        .update(JSON.stringify([scope, data, createdAt]))
        .digest("hex");
      return JSON.stringify({
        scope,
        store_id: storeId,
        data,
        hash,
        created_at: createdAt,
        producer: `stores/${ctx.storeHash}`,
      });
    },
  });
  emitStoreWebhooks(ctx.store, dispatcher, {
    topics: (event) => scopes(ctx, event, body),
    matches: (hook, scope) => scopeMatches(hook.topic, scope),
    failuresToDisable: 1,
    outgoing: (hook, scope, payload) => ({
      subscriptionId: String(hook.id),
      topic: scope,
      url: hook.url,
      body: payload,
      eventId: randomUUID(),
      headers: { ...hook.headers, "Content-Type": "application/json", "User-Agent": "BigCommerce-Webhooks" },
    }),
    headersFor(webhook) {
      const timestamp = Math.floor(ctx.store.nowMs() / 1000);
      return {
        ...webhook.headers,
        "webhook-id": webhook.eventId,
        "webhook-timestamp": String(timestamp),
        "webhook-signature": signStandardWebhook(clientSecret, webhook.eventId, timestamp, webhook.body),
      };
    },
  });
}
