import { createHmac } from "node:crypto";
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

export async function postWebhook(
  target: { url: string; secret: string; allowPrivate: boolean },
  deliveryId: string,
  body: string,
): Promise<void> {
  const url = checkPlatformUrl(target.url, target.allowPrivate);
  const timestamp = String(Math.floor(Date.now() / 1000));
  const res = await fetch(url, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      [SIGNATURE_HEADER]: signWebhook(target.secret, timestamp, body),
      [TIMESTAMP_HEADER]: timestamp,
      [DELIVERY_HEADER]: deliveryId,
    },
    body,
    redirect: "manual",
    signal: AbortSignal.timeout(15_000),
  });
  if (res.status < 200 || res.status >= 300) throw new Error(`webhook answered HTTP ${res.status}`);
}
