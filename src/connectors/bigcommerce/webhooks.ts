import { z } from "zod";
import { AppError } from "../../lib/errors.ts";
import type { WebhookNotice } from "../contract.ts";
import {
  headerValue as header,
  hmacSha256,
  signatureMatches,
  standardWebhookMatches,
  standardWebhookTimestampRefusal,
} from "../http/index.ts";
import { webhookBody } from "../kit/webhooks.ts";
import type { BigCommerceCredentials } from "./credentials.ts";

type Headers = Record<string, string | undefined>;

/** The custom header the hub sets on every hook it creates (the older stores' only proof of origin). */
export const HOOK_SECRET_HEADER = "X-Stockwire-Hook-Secret";

/**
 * The custom-header secret for this store: derived from the access token, so the hub keeps nothing
 * more than the credentials, each store gets its own, and rotating the token rotates it (pair again).
 */
export function hookSecret(credentials: BigCommerceCredentials): string {
  return hmacSha256(credentials.accessToken, `stockwire-bigcommerce-hook:${credentials.storeHash}`).toString(
    "hex",
  );
}

/**
 * A delivery is BigCommerce's when its Standard Webhooks signature matches the client secret (when
 * the connection has it) or when it carries the hook's custom secret header the hub set at
 * registration (constant-time compare either way). Neither → 401, nothing stored.
 */
export function verifyBigCommerceWebhook(
  credentials: BigCommerceCredentials,
  headers: Headers,
  rawBody: Buffer,
): boolean {
  // BigCommerce's samples hand the verifier base64(client secret), decoded back to these bytes.
  if (
    credentials.clientSecret &&
    standardWebhookMatches(Buffer.from(credentials.clientSecret, "utf8"), headers, rawBody)
  )
    return true;
  return signatureMatches(
    header(headers, HOOK_SECRET_HEADER),
    Buffer.from(hookSecret(credentials), "hex"),
    "hex",
  );
}

/** A signed delivery more than 5 minutes off is refused (each retry is signed afresh). */
export const refuseBigCommerceWebhook = (_credentials: BigCommerceCredentials, headers: Headers, now: Date) =>
  standardWebhookTimestampRefusal(headers, now);

const payloadSchema = z.object({
  scope: z.string(),
  data: z.object({ type: z.string().optional(), id: z.union([z.number(), z.string()]) }).passthrough(),
  hash: z.string().optional(),
  created_at: z.number().optional(),
});

/** The scopes the hub reacts to; inventory scopes are not taken (see README: the stock check follows them). */
export const WEBHOOK_SCOPES = [
  "store/order/created",
  "store/order/updated",
  "store/order/refund/created",
  "store/product/created",
  "store/product/updated",
] as const;

function kindOf(scope: string): WebhookNotice["kind"] {
  if (scope.startsWith("store/order/refund/")) return "refund";
  if (scope.startsWith("store/order/")) return "order";
  if (scope.includes("/inventory/")) return "inventory";
  if (scope.startsWith("store/product/")) return "product";
  return "other";
}

/**
 * Thin payloads name the record, not its content: an order or refund event re-reads the order
 * (`getOrder`), a product event runs the catalogue feed. The event id is `webhook-id` (the same on
 * retries and duplicates), else the payload's `hash`.
 */
export function parseBigCommerceWebhook(headers: Headers, rawBody: Buffer): WebhookNotice {
  const { scope, data, hash, created_at } = webhookBody(rawBody, payloadSchema, "BigCommerce");
  const eventId = header(headers, "webhook-id") ?? hash;
  if (!eventId)
    throw new AppError("invalid_data", "invalid_webhook_body", "The webhook has no webhook-id or hash");
  return {
    eventId,
    topic: scope,
    kind: kindOf(scope),
    objectId: String(data.id),
    occurredAt: created_at ? new Date(created_at * 1000) : new Date(),
  };
}
