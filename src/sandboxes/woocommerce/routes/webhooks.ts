import { randomBytes } from "node:crypto";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { StoreSubscription } from "../../kit/store/records.ts";
import { WooError } from "../errors.ts";
import { type ShapeContext, webhookJson } from "../shapes.ts";
import { pingWebhook } from "../webhooks.ts";

type WebhookStatus = StoreSubscription["status"];
type WooWebhook = StoreSubscription;

import { idParam, query, sendPage, sorter } from "./listing.ts";

const RESOURCES = ["coupon", "customer", "order", "product"];
const EVENTS = ["created", "updated", "deleted", "restored"];
const STATUSES: readonly WebhookStatus[] = ["active", "paused", "disabled"];

function validTopic(topic: unknown): topic is string {
  if (typeof topic !== "string") return false;
  const [resource, event, ...rest] = topic.split(".");
  if (rest.length > 0) return false;
  return (
    (resource === "action" && !!event) || (RESOURCES.includes(resource ?? "") && EVENTS.includes(event ?? ""))
  );
}

function validUrl(value: unknown): value is string {
  if (typeof value !== "string") return false;
  try {
    const url = new URL(value);
    return url.protocol === "http:" || url.protocol === "https:";
  } catch {
    return false;
  }
}

interface WebhookBody {
  readonly name?: unknown;
  readonly topic?: unknown;
  readonly delivery_url?: unknown;
  readonly secret?: unknown;
  readonly status?: unknown;
}

function applyBody(hook: WooWebhook, body: WebhookBody): void {
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
    if (!validUrl(body.delivery_url)) {
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
    if (!STATUSES.includes(body.status as WebhookStatus)) {
      throw new WooError(400, "rest_invalid_param", "Invalid parameter(s): status", {
        params: { status: `status is not one of ${STATUSES.join(", ")}.` },
      });
    }
    // Editing a webhook back to active clears its failure count, so it gets five fresh tries.
    if (body.status === "active" && hook.status !== "active") hook.failureCount = 0;
    hook.status = body.status as WebhookStatus;
  }
}

/** `/wp-json/wc/v3/webhooks`: list, create (with the ping), read, update, delete. */
export function registerWebhookRoutes(
  app: FastifyInstance,
  ctx: ShapeContext,
  secretOf: (request: FastifyRequest) => string,
): void {
  const base = "/wp-json/wc/v3/webhooks";
  const byId = (request: FastifyRequest, status: 400 | 404) => {
    const hook = ctx.store.subscriptions.get(idParam(request));
    if (!hook) throw new WooError(status, "woocommerce_rest_webhook_invalid_id", "Invalid ID.");
    return hook;
  };

  app.get(base, async (request, reply) => {
    const status = query(request).status ?? "all";
    const items = [...ctx.store.subscriptions.values()]
      .filter((w) => status === "all" || w.status === status)
      .sort(sorter<WooWebhook>(query(request), (w) => w.name));
    return sendPage(request, reply, ctx.siteUrl, items, (w) => webhookJson(ctx, w));
  });

  app.post(base, async (request, reply) => {
    const body = (request.body ?? {}) as WebhookBody;
    const missing = (["topic", "delivery_url"] as const).filter((k) => body[k] === undefined);
    if (missing.length > 0) {
      throw new WooError(400, "rest_missing_callback_param", `Missing parameter(s): ${missing.join(", ")}`, {
        params: missing,
      });
    }
    const now = ctx.store.nowMs();
    const hook: WooWebhook = {
      id: ctx.store.nextId("subscription"),
      name: "",
      status: "active",
      topic: "",
      url: "",
      headers: {},
      // Without a secret, core signs with the API user's consumer secret.
      secret: secretOf(request) || randomBytes(25).toString("hex"),
      createdMs: now,
      modifiedMs: now,
      failureCount: 0,
    };
    applyBody(hook, body);
    if (hook.name === "") hook.name = `Webhook created on ${new Date(now).toUTCString()}`;
    ctx.store.subscriptions.set(hook.id, hook);
    if (hook.status === "active") await pingWebhook(hook);
    return reply.code(201).send(webhookJson(ctx, hook));
  });

  app.get(`${base}/:id`, async (request) => webhookJson(ctx, byId(request, 404)));

  app.put(`${base}/:id`, async (request) => {
    const hook = byId(request, 400);
    applyBody(hook, (request.body ?? {}) as WebhookBody);
    hook.modifiedMs = ctx.store.nowMs();
    return webhookJson(ctx, hook);
  });

  app.delete(`${base}/:id`, async (request) => {
    const hook = byId(request, 404);
    if (query(request).force !== "true") {
      throw new WooError(501, "woocommerce_rest_trash_not_supported", "Webhooks do not support trashing.");
    }
    ctx.store.subscriptions.delete(hook.id);
    return webhookJson(ctx, hook);
  });
}
