import { createHash, createHmac, randomUUID } from "node:crypto";
import type { OutgoingWebhook, WebhookDispatcher } from "../kit/webhooks.ts";
import type { BcContext } from "./routes/common.ts";
import type { BcHook, StoreEvent } from "./store.ts";

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

/**
 * Turns store events into BigCommerce deliveries: one thin payload per active hook whose scope
 * matches, with the hook's custom headers, signed per attempt (a fresh `webhook-timestamp`
 * each time, the same `webhook-id`). A hook whose delivery failed through the whole retry
 * schedule is deactivated (`is_active: false`), as BigCommerce does after ~48 hours.
 */
export class BcWebhooks {
  constructor(
    private readonly ctx: BcContext,
    private readonly dispatcher: WebhookDispatcher,
    private readonly clientSecret: string,
    private readonly storeId: string,
  ) {
    ctx.store.listener = (event) => this.onEvent(event);
    dispatcher.attach({ headersFor: (webhook) => this.headersFor(webhook), onSettled: this.settled });
  }

  private onEvent(event: StoreEvent): void {
    const hooks = [...this.ctx.store.hooks.values()].filter(
      (h) => h.isActive && scopeMatches(h.scope, event.scope),
    );
    if (hooks.length === 0) return;
    const createdAt = Math.floor(this.ctx.store.nowMs() / 1000);
    const hash = createHash("sha1")
      .update(JSON.stringify([event.scope, event.data, createdAt]))
      .digest("hex");
    const body = JSON.stringify({
      scope: event.scope,
      store_id: this.storeId,
      data: event.data,
      hash,
      created_at: createdAt,
      producer: `stores/${this.ctx.storeHash}`,
    });
    for (const hook of hooks) this.dispatcher.send(this.outgoing(hook, event.scope, body));
  }

  private outgoing(hook: BcHook, scope: string, body: string): OutgoingWebhook {
    return {
      subscriptionId: String(hook.id),
      topic: scope,
      url: hook.destination,
      body,
      eventId: randomUUID(),
      headers: { ...hook.headers, "Content-Type": "application/json", "User-Agent": "BigCommerce-Webhooks" },
    };
  }

  /** Standard Webhooks headers for one attempt. */
  private headersFor(webhook: OutgoingWebhook): Record<string, string> {
    const timestamp = Math.floor(this.ctx.store.nowMs() / 1000);
    return {
      ...webhook.headers,
      "webhook-id": webhook.eventId,
      "webhook-timestamp": String(timestamp),
      "webhook-signature": signStandardWebhook(this.clientSecret, webhook.eventId, timestamp, webhook.body),
    };
  }

  /** After a webhook's last attempt: a hook that failed through the schedule is deactivated. */
  private readonly settled = (webhook: OutgoingWebhook, ok: boolean): void => {
    const hook = this.ctx.store.hooks.get(Number(webhook.subscriptionId));
    if (!hook || ok) return;
    hook.isActive = false;
    hook.updatedMs = this.ctx.store.nowMs();
  };
}
