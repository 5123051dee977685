import type { FastifyInstance, FastifyRequest } from "fastify";
import type { StoreSubscription as BcHook } from "../../kit/store/records.ts";
import { BcV3Error, v3NotFound } from "../errors.ts";
import { hookJson } from "../shapes.ts";
import { type BcContext, idParam, query, V3, v3Page } from "./common.ts";

interface HookBody {
  readonly scope?: unknown;
  readonly destination?: unknown;
  readonly is_active?: unknown;
  readonly headers?: unknown;
}

function validDestination(value: unknown): value is string {
  if (typeof value !== "string") return false;
  try {
    // BigCommerce requires https on port 443; the sandbox takes any http(s) URL so a local hub can listen.
    return ["http:", "https:"].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

function applyBody(hook: BcHook, body: HookBody): void {
  const errors: Record<string, string> = {};
  if (body.scope !== undefined) {
    if (typeof body.scope === "string" && /^store\/[a-z_]+(\/[A-Za-z_*]+)*$/.test(body.scope))
      hook.topic = body.scope;
    else errors.scope = "scope must be a webhook scope such as store/order/updated";
  }
  if (body.destination !== undefined) {
    if (validDestination(body.destination)) hook.url = body.destination;
    else errors.destination = "destination must be a valid URL";
  }
  if (body.is_active !== undefined) {
    if (typeof body.is_active === "boolean") hook.status = body.is_active ? "active" : "paused";
    else errors.is_active = "is_active must be a boolean";
  }
  if (body.headers !== undefined) {
    const entries = body.headers === null ? [] : Object.entries(body.headers as Record<string, unknown>);
    if (typeof body.headers !== "object" || entries.some(([, v]) => typeof v !== "string"))
      errors.headers = "headers must be an object of strings";
    else hook.headers = Object.fromEntries(entries) as Record<string, string>;
  }
  if (Object.keys(errors).length > 0) throw new BcV3Error(422, "Payload contains invalid fields", errors);
}

/** `/v3/hooks`: list (`scope`, `is_active`, `destination`), create, read, update, delete. */
export function registerHookRoutes(app: FastifyInstance, ctx: BcContext): void {
  const { store } = ctx;
  const render = (h: BcHook) => hookJson(ctx.storeHash, ctx.clientId, h);
  const byId = (request: FastifyRequest) => {
    const hook = store.subscriptions.get(idParam(request));
    if (!hook) throw v3NotFound();
    return hook;
  };

  app.get(`${V3}/hooks`, async (request) => {
    const q = query(request);
    const hooks = [...store.subscriptions.values()].filter(
      (h) =>
        (q.scope === undefined || h.topic === q.scope) &&
        (q.destination === undefined || h.url === q.destination) &&
        (q.is_active === undefined || String(h.status === "active") === q.is_active),
    );
    return v3Page(request, hooks, { defaultPerPage: 50, maxPerPage: 250 }, render);
  });

  app.post(`${V3}/hooks`, async (request, reply) => {
    const body = (request.body ?? {}) as HookBody;
    const missing = (["scope", "destination"] as const).filter((k) => body[k] === undefined);
    if (missing.length > 0) {
      throw new BcV3Error(
        422,
        "Payload contains invalid fields",
        Object.fromEntries(missing.map((k) => [k, `${k} is required`])),
      );
    }
    const now = store.nowMs();
    const hook: BcHook = {
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
    };
    applyBody(hook, body);
    store.subscriptions.set(hook.id, hook);
    return reply.code(200).send({ data: render(hook), meta: {} });
  });

  app.get(`${V3}/hooks/:id`, async (request) => ({ data: render(byId(request)), meta: {} }));

  app.put(`${V3}/hooks/:id`, async (request) => {
    const hook = byId(request);
    applyBody(hook, (request.body ?? {}) as HookBody);
    hook.modifiedMs = store.nowMs();
    return { data: render(hook), meta: {} };
  });

  app.delete(`${V3}/hooks/:id`, async (request) => {
    const hook = byId(request);
    store.subscriptions.delete(hook.id);
    return { data: render(hook), meta: {} };
  });
}
