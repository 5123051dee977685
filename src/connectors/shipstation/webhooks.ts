import { createHash } from "node:crypto";
import { z } from "zod";
import type { WebhookNotice } from "../contract.ts";
import { hmacSha256, signatureMatches } from "../http/index.ts";
import { reconcileWebhooks } from "../kit/channel.ts";
import { webhookBody } from "../kit/webhooks.ts";
import type { ShipStationClient } from "./client.ts";
import { type ShipStationCredentials, shipStationApiBase } from "./credentials.ts";
import { resourcePath } from "./orders.ts";
import { webhookListSchema } from "./schemas.ts";

/**
 * v1 webhooks are unsigned and carry only `{"resource_url","resource_type"}` (§6). The hub
 * subscribes with a secret token in the target URL's query (`?token=`), derived from the API
 * secret so nothing more is kept and a new secret rotates it; a delivery is accepted only with
 * that token and a `resource_url` on the connection's own API host, which is then re-read within
 * the rate budget (getOrder). Everything else is 401 and stored nowhere.
 */
export const WEBHOOK_EVENTS = ["ORDER_NOTIFY", "SHIP_NOTIFY"] as const;

export function hookToken(credentials: ShipStationCredentials): string {
  return hmacSha256(credentials.apiSecret, `stockwire-shipstation-hook:${credentials.apiKey}`).toString(
    "hex",
  );
}

const payloadSchema = z.object({ resource_url: z.string(), resource_type: z.string() });

function readPayload(rawBody: Buffer) {
  try {
    return payloadSchema.parse(JSON.parse(rawBody.toString("utf8")));
  } catch {
    return null;
  }
}

export function verifyShipStationWebhook(
  credentials: ShipStationCredentials,
  _headers: Record<string, string | undefined>,
  rawBody: Buffer,
  request?: { url: string },
): boolean {
  const token = request ? new URL(request.url, "http://hub.invalid").searchParams.get("token") : null;
  if (!signatureMatches(token ?? undefined, Buffer.from(hookToken(credentials), "hex"), "hex")) return false;
  const payload = readPayload(rawBody);
  // A payload naming another host would make the hub fetch it with the connection's credentials.
  return (
    payload !== null && resourcePath(shipStationApiBase(credentials, true), payload.resource_url) !== null
  );
}

/** The resource URL names the batch: the same delivery again is the same event. */
export function parseShipStationWebhook(
  _headers: Record<string, string | undefined>,
  rawBody: Buffer,
): WebhookNotice {
  const { resource_url, resource_type } = webhookBody(rawBody, payloadSchema, "ShipStation");
  return {
    eventId: createHash("sha256").update(resource_url).digest("hex"),
    topic: resource_type,
    kind: resource_type === "ORDER_NOTIFY" || resource_type === "SHIP_NOTIFY" ? "order" : "other",
    objectId: resource_url,
    occurredAt: new Date(),
  };
}

/**
 * One subscription per event for the hub's URL with its token; hooks for the same URL with an old
 * token (a rotated secret) are removed. v1 has no update: an existing hook is kept as it is.
 */
export async function registerWebhooks(
  client: ShipStationClient,
  callbackUrl: string,
  token: string,
): Promise<{ topics: string[] }> {
  const target = `${callbackUrl}?token=${token}`;
  const existing = (await client.get("/webhooks", webhookListSchema, "catalog")).webhooks;
  for (const stale of existing.filter((h) => h.Url.startsWith(`${callbackUrl}?`) && h.Url !== target))
    await client.delete(`/webhooks/${stale.WebHookID}`, "catalog");
  return reconcileWebhooks({
    existing: existing.filter((h) => h.Url === target).map((h) => ({ ...h, topic: h.HookType })),
    topics: WEBHOOK_EVENTS,
    update: async () => undefined,
    create: (event) =>
      client.post(
        "/webhooks/subscribe",
        { target_url: target, event, store_id: null, friendly_name: `Stockwire ${event}` },
        z.object({ id: z.number().int() }),
        "catalog",
      ),
  });
}
