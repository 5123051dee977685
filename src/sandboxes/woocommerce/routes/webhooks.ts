import { randomBytes } from "node:crypto";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { StoreSubscription } from "../../kit/store/records.ts";
import { isHttpUrl, registerSubscriptionRoutes } from "../../kit/store/subscription-routes.ts";
import { WooError } from "../errors.ts";
import { type ShapeContext, webhookJson } from "../shapes.ts";
import { pingWebhook } from "../webhooks.ts";
import { query, sorter, wooPaging } from "./listing.ts";

const RESOURCES = ["coupon", "customer", "order", "product"];
const EVENTS = ["created", "updated", "deleted", "restored"];
const STATUSES: readonly StoreSubscription["status"][] = ["active", "paused", "disabled"];

function validTopic(topic: unknown): topic is string {
  if (typeof topic !== "string") return false;
  const [resource, event, ...rest] = topic.split(".");
  if (rest.length > 0) return false;
  return (
    (resource === "action" && !!event) || (RESOURCES.includes(resource ?? "") && EVENTS.includes(event ?? ""))
  );
}

interface WebhookBody {
  readonly name?: unknown;
  readonly topic?: unknown;
  readonly delivery_url?: unknown;
  readonly secret?: unknown;
  readonly status?: unknown;
}

function applyBody(hook: StoreSubscription, body: WebhookBody): void {
  if (body.topic !== undefined) {
    if (!validTopic(body.topic)) {
      throw new WooError(
        400,
        "woocommerce_rest_webhook_invalid_topic",
        "Webhook topic is required and must be valid.",
      );
    }
    hook.topic = body.topic;
  }
  if (body.delivery_url !== undefined) {
    if (!isHttpUrl(body.delivery_url)) {
      throw new WooError(
        400,
        "woocommerce_rest_webhook_invalid_delivery_url",
        "Webhook delivery URL must be a valid URL starting with http:// or https://.",
      );
    }
    hook.url = body.delivery_url;
  }
  if (typeof body.name === "string") hook.name = body.name;
  if (typeof body.secret === "string" && body.secret !== "") hook.secret = body.secret;
  if (body.status !== undefined) {
    if (!STATUSES.includes(body.status as StoreSubscription["status"])) {
      throw new WooError(400, "rest_invalid_param", "Invalid parameter(s): status", {
        params: { status: `status is not one of ${STATUSES.join(", ")}.` },
      });
    }
    // Editing a webhook back to active clears its failure count, so it gets five fresh tries.
    if (body.status === "active" && hook.status !== "active") hook.failureCount = 0;
    hook.status = body.status as StoreSubscription["status"];
  }
}

/** `/wp-json/wc/v3/webhooks`: list, create (with the ping), read, update, delete (`force=true` only). */
export function registerWebhookRoutes(
  app: FastifyInstance,
  ctx: ShapeContext,
  secretOf: (request: FastifyRequest) => string,
): void {
  registerSubscriptionRoutes(app, ctx.store, {
    path: "/wp-json/wc/v3/webhooks",
    required: ["topic", "delivery_url"],
    missing: (names) =>
      new WooError(400, "rest_missing_callback_param", `Missing parameter(s): ${names.join(", ")}`, {
        params: names,
      }),
    unknownId: (status) => new WooError(status, "woocommerce_rest_webhook_invalid_id", "Invalid ID."),
    updateStatus: 400,
    apply: applyBody,
    // Without a secret, core signs with the API user's consumer secret.
    initial: (request) => ({ secret: secretOf(request) || randomBytes(25).toString("hex") }),
    async afterCreate(hook) {
      if (hook.name === "") hook.name = `Webhook created on ${new Date(hook.createdMs).toUTCString()}`;
      if (hook.status === "active") await pingWebhook(hook);
    },
    createdStatus: 201,
    list(request, reply, hooks) {
      const status = query(request).status ?? "all";
      const items = hooks
        .filter((w) => status === "all" || w.status === status)
        .sort(sorter<StoreSubscription>(query(request), (w) => w.name));
      return wooPaging(() => ctx.siteUrl).send(request, reply, items, (w) => webhookJson(ctx, w));
    },
    render: (hook) => webhookJson(ctx, hook),
    beforeDelete(request) {
      if (query(request).force !== "true")
        throw new WooError(501, "woocommerce_rest_trash_not_supported", "Webhooks do not support trashing.");
    },
  });
}
