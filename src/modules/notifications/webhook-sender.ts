import { createHmac } from "node:crypto";
import { describeOutboundFailure, guardedFetch } from "../../connectors/http/guarded-fetch.ts";
import type { HostResolver } from "../../connectors/http/guarded-lookup.ts";
import { checkPlatformUrl } from "../../connectors/http/url-guard.ts";

export const SIGNATURE_HEADER = "x-stockwire-signature";
export const TIMESTAMP_HEADER = "x-stockwire-timestamp";
export const DELIVERY_HEADER = "x-stockwire-delivery";

export type WebhookNotification = {
  id: string;
  type: string;
  severity: string;
  title: string;
  body: string;
  connectionId: string | null;
  subject: string | null;
  data: Record<string, unknown>;
  createdAt: string;
};

/** Slack's incoming-webhook shape, so a Slack URL can be pasted in directly. */
export function webhookBody(format: "json" | "slack", n: WebhookNotification): string {
  if (format === "slack") return JSON.stringify({ text: `*${n.title}*\n${n.body}` });
  return JSON.stringify({ notification: n });
}

/** `sha256=` HMAC of `<timestamp>.<body>`: the timestamp is signed so a captured request cannot be replayed later. */
export function signWebhook(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}

/**
 * Posts one delivery through the guarded fetch: the URL is the merchant's, so its host's addresses
 * are checked after DNS and the connection goes only to a checked one. Failures become the
 * delivery's `lastError`, which the merchant reads: a status for an answer, otherwise one generic
 * reason, so the text cannot tell an open port from a closed or filtered one.
 */
export async function postWebhook(
  target: { url: string; secret: string; allowPrivate: boolean; resolveHost?: HostResolver | undefined },
  deliveryId: string,
  body: string,
): Promise<void> {
  const url = checkPlatformUrl(target.url, target.allowPrivate);
  const timestamp = String(Math.floor(Date.now() / 1000));
  const send = guardedFetch({ allowPrivate: target.allowPrivate, resolveHost: target.resolveHost });
  let res: Response;
  try {
    res = await send(url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        [SIGNATURE_HEADER]: signWebhook(target.secret, timestamp, body),
        [TIMESTAMP_HEADER]: timestamp,
        [DELIVERY_HEADER]: deliveryId,
      },
      body,
      signal: AbortSignal.timeout(15_000),
    });
  } catch (error) {
    throw new Error(`webhook: ${describeOutboundFailure(error).message}`);
  }
  // The receiver's body is never read: discarding it frees the connection.
  await res.body?.cancel().catch(() => undefined);
  if (res.status >= 300 && res.status < 400) {
    throw new Error(`webhook answered HTTP ${res.status} (redirects are not followed)`);
  }
  if (res.status < 200 || res.status >= 300) throw new Error(`webhook answered HTTP ${res.status}`);
}
