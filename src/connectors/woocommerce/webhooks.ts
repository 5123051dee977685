import { z } from "zod";
import type { ConnectorEnv, WebhookNotice, WebhookVariant } from "../contract.ts";
import { headerValue, verifyBodyHmac } from "../http/index.ts";
import { reconcileWebhooks } from "../kit/channel.ts";
import { hubWebhookSecret, webhookBody } from "../kit/webhooks.ts";
import type { WooClient } from "./client.ts";
import type { WooCommerceCredentials } from "./credentials.ts";
import { gmtDate, itemId } from "./map.ts";
import { webhookSchema } from "./schemas.ts";

export const WEBHOOK_TOPICS = ["order.created", "order.updated", "product.updated"] as const;
const HUB_PATH = "/webhooks/woocommerce/";

/** `X-WC-Webhook-Signature`: base64 HMAC-SHA256 of the raw body with the secret the hub generated. */
export function verifyWooWebhook(
  credentials: WooCommerceCredentials,
  headers: Record<string, string | undefined>,
  rawBody: Buffer,
): boolean {
  return verifyBodyHmac({
    secret: credentials.webhookSecret,
    rawBody,
    signature: headerValue(headers, "x-wc-webhook-signature"),
    encoding: "base64",
  });
}

/** WooCommerce pings a new webhook with an unsigned form body `webhook_id=<id>`: nothing to store. */
export function isWooPing(headers: Record<string, string | undefined>, rawBody: Buffer): boolean {
  const type = headerValue(headers, "content-type") ?? "";
  return (
    type.startsWith("application/x-www-form-urlencoded") && /^webhook_id=\d+$/.test(rawBody.toString("utf8"))
  );
}

const payloadSchema = z.object({
  id: z.number(),
  type: z.string().optional(),
  parent_id: z.number().optional(),
  sku: z.string().nullable().optional(),
  manage_stock: z.union([z.boolean(), z.literal("parent")]).optional(),
  date_modified_gmt: z.string().nullable().optional(),
  variations: z.array(z.number()).optional(),
});

export function parseWooWebhook(headers: Record<string, string | undefined>, rawBody: Buffer): WebhookNotice {
  const topic = headerValue(headers, "x-wc-webhook-topic") ?? "unknown";
  const deliveryId = headerValue(headers, "x-wc-webhook-delivery-id");
  const body = webhookBody(rawBody, payloadSchema, "WooCommerce");
  const occurredAt = gmtDate(body.date_modified_gmt, new Date());
  const eventId = deliveryId ?? `${topic}:${body.id}:${body.date_modified_gmt ?? ""}`;
  if (topic.startsWith("order.")) {
    // The payload lists refunds by id only: the engine re-reads the order (and its refunds).
    return { eventId, topic, kind: "order", objectId: String(body.id), occurredAt };
  }
  if (topic.startsWith("product.")) {
    // A variation or a simple product names its one item; a variable product's come on their own.
    const parent = body.type === "variation" ? body.parent_id : undefined;
    const tracked = parent
      ? body.manage_stock === true && itemId(parent, body.id)
      : !!body.manage_stock && itemId(body.id);
    const variants: WebhookVariant[] | undefined =
      parent || body.type === "simple"
        ? [{ platformVariantId: String(body.id), inventoryItemId: tracked || null, sku: body.sku ?? null }]
        : undefined;
    return {
      eventId,
      topic,
      kind: "product",
      objectId: String(body.id),
      occurredAt,
      ...(variants ? { variants } : {}),
    };
  }
  return { eventId, topic, kind: "other", objectId: String(body.id), occurredAt };
}

const hubWebhooks = async (client: WooClient) =>
  (
    await client.call("GET", "wc/v3/webhooks", z.array(webhookSchema), {
      query: { per_page: 100 },
      priority: "catalog",
    })
  ).filter((w) => w.delivery_url.includes(HUB_PATH));

/**
 * Creates the hub's webhooks with a secret it generates (kit: saved before WooCommerce hears of
 * it). Existing hub webhooks for this URL are switched to the secret and made active.
 */
export async function registerWooWebhooks(
  client: WooClient,
  credentials: WooCommerceCredentials,
  env: ConnectorEnv,
  callbackUrl: string,
): Promise<{ topics: string[] }> {
  const body = { status: "active", secret: await hubWebhookSecret(credentials, env) };
  return reconcileWebhooks({
    existing: (await hubWebhooks(client)).filter((w) => w.delivery_url === callbackUrl),
    topics: WEBHOOK_TOPICS,
    update: (w) => client.call("PUT", `wc/v3/webhooks/${w.id}`, webhookSchema, { body, priority: "catalog" }),
    create: (topic) =>
      client.call("POST", "wc/v3/webhooks", webhookSchema, {
        body: { ...body, name: `Stockwire ${topic}`, topic, delivery_url: callbackUrl },
        priority: "catalog",
      }),
  });
}

/**
 * WooCommerce disables a webhook after 5 failed deliveries in a row and never turns it back on.
 * The stock check calls this: every hub webhook found disabled is made active again.
 */
export async function reenableDisabledWebhooks(
  client: WooClient,
  log: ConnectorEnv["logger"],
): Promise<number> {
  const disabled = (await hubWebhooks(client)).filter((w) => w.status === "disabled");
  for (const w of disabled) {
    await client.call("PUT", `wc/v3/webhooks/${w.id}`, webhookSchema, {
      body: { status: "active" },
      priority: "catalog",
    });
    log.warn(
      { webhookId: w.id, topic: w.topic },
      "WooCommerce had disabled a webhook after failed deliveries; re-enabled",
    );
  }
  return disabled.length;
}
