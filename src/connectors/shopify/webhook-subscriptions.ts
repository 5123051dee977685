import { AppError } from "../../lib/errors.ts";
import type { GraphqlClient } from "./client.ts";
import {
  type WebhookSubscriptionsPage,
  webhookCreateSchema,
  webhookSubscriptionsSchema,
} from "./fulfillment-schema.ts";
import { WEBHOOK_CREATE_MUTATION } from "./mutations.ts";
import { WEBHOOK_SUBSCRIPTIONS_QUERY } from "./queries.ts";

/** The topics the sync engine reacts to, as GraphQL enum values. */
export const WEBHOOK_TOPICS = [
  "ORDERS_CREATE",
  "ORDERS_UPDATED",
  "ORDERS_PAID",
  "ORDERS_CANCELLED",
  "REFUNDS_CREATE",
  "PRODUCTS_UPDATE",
  "INVENTORY_LEVELS_UPDATE",
  "APP_UNINSTALLED",
] as const;

/** `ORDERS_CREATE` → `orders/create`, the spelling of the `X-Shopify-Topic` header. */
export function headerTopic(topic: string): string {
  const lower = topic.toLowerCase();
  const cut = lower.lastIndexOf("_");
  return cut < 0 ? lower : `${lower.slice(0, cut)}/${lower.slice(cut + 1)}`;
}

async function subscribedTopics(client: GraphqlClient, uri: string): Promise<Set<string>> {
  const topics = new Set<string>();
  let after: string | null = null;
  do {
    const data: WebhookSubscriptionsPage = await client.run(
      WEBHOOK_SUBSCRIPTIONS_QUERY,
      { topics: WEBHOOK_TOPICS, after },
      webhookSubscriptionsSchema,
      "catalog",
    );
    const page = data.webhookSubscriptions;
    // `webhookSubscriptions` has no `uri` argument (only topics, format, query and the deprecated
    // callbackUrl), so the app's subscriptions to other addresses are told apart here.
    for (const node of page.nodes) if (node.uri === uri) topics.add(node.topic);
    after = page.pageInfo.hasNextPage ? (page.pageInfo.endCursor ?? null) : null;
  } while (after);
  return topics;
}

/**
 * Subscribes `callbackUrl` to every topic in WEBHOOK_TOPICS it is not yet subscribed to, so calling
 * it again changes nothing. Returns the topics in header spelling (`orders/create`…). A real shop
 * (paired by its myshopify domain) delivers only to https, so an http callback is refused here
 * rather than registered to fail silently; the local sandbox accepts http.
 */
export async function registerWebhooks(
  client: GraphqlClient,
  callbackUrl: string,
  options: { realShop: boolean },
): Promise<{ topics: string[] }> {
  if (options.realShop && new URL(callbackUrl).protocol !== "https:") {
    throw new AppError(
      "invalid_data",
      "webhook_callback_not_https",
      `Shopify delivers webhooks only to https callbacks, and ${callbackUrl} is not one: set PUBLIC_URL to the hub's https address`,
    );
  }
  const existing = await subscribedTopics(client, callbackUrl);
  for (const topic of WEBHOOK_TOPICS) {
    if (existing.has(topic)) continue;
    const data = await client.run(
      WEBHOOK_CREATE_MUTATION,
      { topic, uri: callbackUrl },
      webhookCreateSchema,
      "catalog",
    );
    const payload = data.webhookSubscriptionCreate;
    if (!payload?.webhookSubscription) {
      const message =
        payload?.userErrors.map((error) => error.message).join(" ") || "no subscription returned";
      throw new AppError(
        "unexpected_state",
        "shopify_webhook_refused",
        `Shopify refused the ${topic} webhook: ${message}`,
      );
    }
  }
  return { topics: WEBHOOK_TOPICS.map(headerTopic) };
}
