import { createHash } from "node:crypto";
import { AppError } from "../../lib/errors.ts";
import type { WebhookNotice } from "../contract.ts";
import { headerValue as header, verifyBodyHmac } from "../http/index.ts";
import { myshopifyDomain, type ShopifyCredentials } from "./credentials.ts";
import { restGid } from "./ids.ts";
import { mapRestOrder } from "./map-rest-order.ts";
import {
  restInventoryLevelSchema,
  restOrderSchema,
  restProductSchema,
  restResourceSchema,
} from "./rest-schema.ts";

type Headers = Record<string, string | undefined>;

/** `X-Shopify-Hmac-SHA256` = base64(HMAC-SHA256(raw body, app client secret)), compared in constant time. */
export function verifyShopifyWebhook(
  credentials: ShopifyCredentials,
  headers: Headers,
  rawBody: Buffer,
): boolean {
  return verifyBodyHmac({
    secret: credentials.apiSecret,
    rawBody,
    signature: header(headers, "x-shopify-hmac-sha256"),
    encoding: "base64",
  });
}

/** Shopify retries a failed delivery 8 times over 4 hours; older deliveries are not retries. */
export const WEBHOOK_MAX_AGE_MS = 12 * 60 * 60 * 1000;
/** Clocks differ; a delivery stamped further ahead than this is not Shopify's. */
const WEBHOOK_CLOCK_SKEW_MS = 15 * 60 * 1000;

/**
 * Refuses a signed delivery addressed to another shop (one app secret signs every shop's
 * webhooks) or stamped outside the retry window. A shop paired by URL (the local sandbox) has no
 * myshopify domain to compare.
 */
export function refuseShopifyWebhook(
  credentials: ShopifyCredentials,
  headers: Headers,
  now: Date,
): string | undefined {
  const paired = myshopifyDomain(credentials.shopDomain);
  const from = header(headers, "x-shopify-shop-domain")?.trim().toLowerCase();
  if (paired && from !== paired) return "the delivery is for another shop";
  const triggered = validDate(header(headers, "x-shopify-triggered-at"));
  if (triggered) {
    const age = now.getTime() - triggered.getTime();
    if (age > WEBHOOK_MAX_AGE_MS) return "the delivery is older than Shopify's retry window";
    if (age < -WEBHOOK_CLOCK_SKEW_MS) return "the delivery is dated in the future";
  }
  return undefined;
}

function kindOf(topic: string): WebhookNotice["kind"] {
  if (topic.startsWith("orders/")) return "order";
  if (topic.startsWith("refunds/")) return "refund";
  if (topic.startsWith("products/")) return "product";
  if (topic.startsWith("inventory_levels/") || topic.startsWith("inventory_items/")) return "inventory";
  if (topic === "app/uninstalled") return "uninstalled";
  return "other";
}

function parseJson(rawBody: Buffer): unknown {
  try {
    return JSON.parse(rawBody.toString("utf8"));
  } catch {
    throw new AppError("invalid_data", "invalid_webhook_body", "The webhook body is not JSON");
  }
}

/** A payload the mappers refuse (say, malformed money) is left for the engine to fetch afresh. */
function tryMap<T>(map: () => T): T | null {
  try {
    return map();
  } catch {
    return null;
  }
}

function validDate(value: string | null | undefined): Date | null {
  if (!value) return null;
  const parsed = new Date(value);
  return Number.isNaN(parsed.getTime()) ? null : parsed;
}

/**
 * A verified delivery → WebhookNotice. `objectId` is the gid of what the engine should re-read: the
 * order (orders/*, and refunds/* via `order_id`), the product (products/*) or the inventory item
 * (inventory_levels/*, inventory_items/*). Whole orders are mapped when the payload holds one.
 */
export function parseShopifyWebhook(
  headers: Headers,
  rawBody: Buffer,
  now: () => Date = () => new Date(),
): WebhookNotice {
  const topic = header(headers, "x-shopify-topic")?.trim().toLowerCase() ?? "unknown";
  const body = parseJson(rawBody);
  const resource = restResourceSchema.safeParse(body);
  const fields = resource.success ? resource.data : {};
  const kind = kindOf(topic);
  const eventId =
    header(headers, "x-shopify-event-id") ??
    header(headers, "x-shopify-webhook-id") ??
    createHash("sha256").update(topic).update(rawBody).digest("hex");
  const occurredAt =
    validDate(header(headers, "x-shopify-triggered-at")) ??
    validDate(fields.updated_at) ??
    validDate(fields.created_at) ??
    now();
  const notice: WebhookNotice = { eventId, topic, kind, objectId: null, occurredAt };

  if (kind === "inventory") {
    const level = restInventoryLevelSchema.safeParse(body);
    if (level.success) {
      const inventoryItemId = restGid("InventoryItem", level.data.inventory_item_id);
      notice.objectId = inventoryItemId;
      if (typeof level.data.available === "number") {
        const locationId = restGid("Location", level.data.location_id);
        notice.level = { inventoryItemId, locationId, sku: null, quantity: level.data.available };
      }
    } else if (fields.id != null)
      notice.objectId = restGid("InventoryItem", fields.id, fields.admin_graphql_api_id);
    return notice;
  }
  if (kind === "uninstalled") return notice;
  if (kind === "refund") {
    notice.objectId = fields.order_id == null ? null : restGid("Order", fields.order_id);
    return notice;
  }
  if (fields.id == null) return notice;
  if (kind === "product") {
    notice.objectId = restGid("Product", fields.id, fields.admin_graphql_api_id);
    // products/delete carries only the id; create and update list the variants.
    const product = restProductSchema.safeParse(body);
    if (product.success) {
      notice.variants = product.data.variants.map((v) => ({
        platformVariantId: restGid("ProductVariant", v.id, v.admin_graphql_api_id),
        // As in the catalogue read: stock of an untracked item is never pushed, so it has no item id.
        inventoryItemId:
          v.inventory_item_id == null || v.inventory_management === null
            ? null
            : restGid("InventoryItem", v.inventory_item_id),
        sku: v.sku?.trim() || null,
      }));
    }
  } else if (kind === "order") {
    notice.objectId = restGid("Order", fields.id, fields.admin_graphql_api_id);
    // orders/delete carries only the id; a payload that is not a whole order leaves the engine to fetch it.
    const order = restOrderSchema.safeParse(body);
    const mapped = order.success ? tryMap(() => mapRestOrder(order.data)) : null;
    if (mapped) notice.order = mapped;
  } else notice.objectId = fields.admin_graphql_api_id ?? null;
  return notice;
}
