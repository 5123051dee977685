import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { idParam } from "../query.ts";
import type { StoreSubscription } from "./records.ts";
import type { CommerceStore } from "./store.ts";

/** How a platform's webhook subscription resource reads and answers. */
export interface SubscriptionRoutesPlan {
  /** The collection path (`/wp-json/wc/v3/webhooks`, `/stores/:hash/v3/hooks`). */
  readonly path: string;
  /** Body fields a create must name; `missing` builds the platform's refusal. */
  readonly required: readonly string[];
  missing(names: readonly string[]): Error;
  /** An unknown id: reads and deletes answer 404, updates `updateStatus`. */
  unknownId(status: 400 | 404): Error;
  readonly updateStatus: 400 | 404;
  /** Validates and applies a create or update body (throws the platform's error). */
  apply(subscription: StoreSubscription, body: Record<string, unknown>): void;
  /** What a new subscription starts with before its body applies (a default secret). */
  initial?(request: FastifyRequest): Partial<Pick<StoreSubscription, "secret">>;
  /** After a create is stored: a default name, a ping. */
  afterCreate?(subscription: StoreSubscription): Promise<void> | void;
  readonly createdStatus: number;
  list(request: FastifyRequest, reply: FastifyReply, subscriptions: StoreSubscription[]): unknown;
  render(subscription: StoreSubscription): unknown;
  /** Refuses a delete the platform does not do (WooCommerce's trash without `force`). */
  beforeDelete?(request: FastifyRequest): void;
}

/** An http(s) URL; platforms that require https are relaxed so a local hub can listen. */
export function isHttpUrl(value: unknown): value is string {
  if (typeof value !== "string") return false;
  try {
    return ["http:", "https:"].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

/** List, create, read, update and delete a platform's webhook subscriptions over the store. */
export function registerSubscriptionRoutes<S>(
  app: FastifyInstance,
  store: CommerceStore<S>,
  plan: SubscriptionRoutesPlan,
): void {
  const byId = (request: FastifyRequest, status: 400 | 404) => {
    const subscription = store.subscriptions.get(idParam(request));
    if (!subscription) throw plan.unknownId(status);
    return subscription;
  };
  const bodyOf = (request: FastifyRequest) => (request.body ?? {}) as Record<string, unknown>;

  app.get(plan.path, async (request, reply) => plan.list(request, reply, [...store.subscriptions.values()]));

  app.post(plan.path, async (request, reply) => {
    const body = bodyOf(request);
    const missing = plan.required.filter((name) => body[name] === undefined);
    if (missing.length > 0) throw plan.missing(missing);
    const now = store.nowMs();
    const subscription: StoreSubscription = {
      id: store.nextId("subscription"),
      name: "",
      topic: "",
      url: "",
      secret: "",
      status: "active",
      headers: {},
      failureCount: 0,
      createdMs: now,
      modifiedMs: now,
      ...plan.initial?.(request),
    };
    plan.apply(subscription, body);
    store.subscriptions.set(subscription.id, subscription);
    await plan.afterCreate?.(subscription);
    return reply.code(plan.createdStatus).send(plan.render(subscription));
  });

  app.get(`${plan.path}/:id`, async (request) => plan.render(byId(request, 404)));

  app.put(`${plan.path}/:id`, async (request) => {
    const subscription = byId(request, plan.updateStatus);
    plan.apply(subscription, bodyOf(request));
    subscription.modifiedMs = store.nowMs();
    return plan.render(subscription);
  });

  app.delete(`${plan.path}/:id`, async (request) => {
    const subscription = byId(request, 404);
    plan.beforeDelete?.(request);
    store.subscriptions.delete(subscription.id);
    return plan.render(subscription);
  });
}
