import { z } from "zod";
import { reconcileWebhooks } from "../kit/channel.ts";
import type { BigCommerceClient } from "./client.ts";
import { hookSchema, v3List } from "./schemas.ts";
import { HOOK_SECRET_HEADER, WEBHOOK_SCOPES } from "./webhooks.ts";

const hookAnswer = z.object({ data: hookSchema });

/**
 * Creates a hook per scope in WEBHOOK_SCOPES for `callbackUrl`, each carrying the custom secret
 * header; an existing hook for the same scope and destination is updated (re-activated, header
 * refreshed) rather than duplicated — BigCommerce deactivates hooks whose deliveries kept failing.
 */
export async function registerWebhooks(
  client: BigCommerceClient,
  callbackUrl: string,
  secret: string,
): Promise<{ topics: string[] }> {
  const query = new URLSearchParams({ destination: callbackUrl, limit: "250" });
  const existing = await client.get(`/v3/hooks?${query}`, v3List(hookSchema), "catalog");
  const headers = { [HOOK_SECRET_HEADER]: secret };
  return reconcileWebhooks({
    existing: existing.data
      .filter((h) => h.destination === callbackUrl)
      .map((h) => ({ ...h, topic: h.scope })),
    topics: WEBHOOK_SCOPES,
    update: (hook) =>
      client.send("PUT", `/v3/hooks/${hook.id}`, { is_active: true, headers }, hookAnswer, "catalog"),
    create: (scope) =>
      client.send(
        "POST",
        "/v3/hooks",
        { scope, destination: callbackUrl, is_active: true, headers },
        hookAnswer,
        "catalog",
      ),
  });
}
