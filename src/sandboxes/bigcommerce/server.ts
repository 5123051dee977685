import type { FastifyInstance } from "fastify";
import { controlValidationReply, registerKitControlRoutes } from "../kit/control-routes.ts";
import type { Faults } from "../kit/faults.ts";
import { createSandboxServer, type RateLimitSlot } from "../kit/server.ts";
import type { WebhookDispatcher } from "../kit/webhooks.ts";
import type { WriteLog } from "../kit/write-log.ts";
import { registerBcControlRoutes } from "./control.ts";
import { BcV2Error, BcV3Error, v3ErrorBody } from "./errors.ts";
import { bcGate, type RateSettings } from "./gate.ts";
import { registerCatalogRoutes } from "./routes/catalog.ts";
import type { BcContext } from "./routes/common.ts";
import { registerHookRoutes } from "./routes/hooks.ts";
import { registerInventoryRoutes } from "./routes/inventory.ts";
import { registerOrderRoutes } from "./routes/orders.ts";
import { registerRefundRoutes } from "./routes/refunds.ts";

export interface BcServerDeps {
  readonly ctx: BcContext;
  readonly accessTokens: readonly string[];
  readonly rate: RateSettings;
  readonly faults: Faults;
  readonly writeLog: WriteLog;
  readonly rateLimit: RateLimitSlot;
  readonly dispatcher: WebhookDispatcher;
  readonly info: () => Record<string, unknown>;
}

/** The sandbox's HTTP face: the kit gate, BigCommerce's v2/v3 routes, the control API, its error shapes. */
export function buildBcServer(deps: BcServerDeps): FastifyInstance {
  const { ctx } = deps;
  const app = createSandboxServer({
    gate: bcGate({ storeHash: ctx.storeHash, accessTokens: deps.accessTokens, rate: deps.rate }),
    faults: deps.faults,
    writeLog: deps.writeLog,
    rateLimit: deps.rateLimit,
  });
  registerCatalogRoutes(app, ctx);
  registerInventoryRoutes(app, ctx);
  registerOrderRoutes(app, ctx);
  registerRefundRoutes(app, ctx);
  registerHookRoutes(app, ctx);
  registerKitControlRoutes(app, {
    faults: deps.faults,
    writeLog: deps.writeLog,
    webhooks: deps.dispatcher,
    rateLimit: deps.rateLimit,
  });
  registerBcControlRoutes(app, { ctx, rate: deps.rate, rateLimit: deps.rateLimit, info: deps.info });

  app.setNotFoundHandler((request, reply) => {
    if (/^\/stores\/[^/]+\/v2\//.test(request.url))
      return reply.code(404).send(new BcV2Error(404, "The requested resource was not found.").body());
    return reply.code(404).send(v3ErrorBody(404, "The requested resource was not found."));
  });
  app.setErrorHandler((error, request, reply) => {
    if (error instanceof BcV3Error || error instanceof BcV2Error)
      return reply.code(error.status).send(error.body());
    const control = controlValidationReply(error);
    if (control) return reply.code(control.status).send(control.body);
    const status = (error as { statusCode?: unknown }).statusCode;
    const v2 = /^\/stores\/[^/]+\/v2\//.test(request.url);
    if (typeof status === "number" && status < 500) {
      const message = (error as Error).message;
      return reply
        .code(status)
        .send(v2 ? new BcV2Error(status, message).body() : v3ErrorBody(status, message));
    }
    return reply
      .code(500)
      .send(
        v2 ? new BcV2Error(500, "Internal Server Error").body() : v3ErrorBody(500, "Internal Server Error"),
      );
  });
  return app;
}
