import type { FastifyInstance } from "fastify";
import type { StoreSubscription as BcHook } from "../../kit/store/records.ts";
import { isHttpUrl, registerSubscriptionRoutes } from "../../kit/store/subscription-routes.ts";
import { BcV3Error, v3NotFound } from "../errors.ts";
import { hookJson } from "../shapes.ts";
import { type BcContext, query, V3, v3Paging } from "./common.ts";

interface HookBody {
  readonly scope?: unknown;
  readonly destination?: unknown;
  readonly is_active?: unknown;
  readonly headers?: unknown;
}

// BigCommerce requires https on port 443; the sandbox takes any http(s) URL so a local hub can listen.
function applyBody(hook: BcHook, body: HookBody): void {
  const errors: Record<string, string> = {};
  if (body.scope !== undefined) {
    if (typeof body.scope === "string" && /^store\/[a-z_]+(\/[A-Za-z_*]+)*$/.test(body.scope))
      hook.topic = body.scope;
    else errors.scope = "scope must be a webhook scope such as store/order/updated";
  }
  if (body.destination !== undefined) {
    if (isHttpUrl(body.destination)) hook.url = body.destination;
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
  const render = (h: BcHook) => ({ data: hookJson(ctx.storeHash, ctx.clientId, h), meta: {} });
  registerSubscriptionRoutes(app, ctx.store, {
    path: `${V3}/hooks`,
    required: ["scope", "destination"],
    missing: (names) =>
      new BcV3Error(
        422,
        "Payload contains invalid fields",
        Object.fromEntries(names.map((k) => [k, `${k} is required`])),
      ),
    unknownId: () => v3NotFound(),
    updateStatus: 404,
    apply: applyBody,
    createdStatus: 200,
    list(request, reply, hooks) {
      const q = query(request);
      const matching = hooks.filter(
        (h) =>
          (q.scope === undefined || h.topic === q.scope) &&
          (q.destination === undefined || h.url === q.destination) &&
          (q.is_active === undefined || String(h.status === "active") === q.is_active),
      );
      return v3Paging().send(request, reply, matching, (h) => hookJson(ctx.storeHash, ctx.clientId, h));
    },
    render,
  });
}
