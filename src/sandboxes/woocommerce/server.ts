import type { FastifyInstance } from "fastify";
import { controlValidationReply, registerKitControlRoutes } from "../kit/control-routes.ts";
import type { Faults } from "../kit/faults.ts";
import { createSandboxServer, type RateLimitSlot } from "../kit/server.ts";
import type { WebhookDispatcher } from "../kit/webhooks.ts";
import type { WriteLog } from "../kit/write-log.ts";
import { registerWooControlRoutes } from "./control.ts";
import { routeNotFound, WooError, wooErrorBody } from "./errors.ts";
import { type ApiKey, wooGate } from "./gate.ts";
import { registerBatchRoutes } from "./routes/batch.ts";
import { registerOrderRoutes } from "./routes/orders.ts";
import { registerProductRoutes } from "./routes/products.ts";
import { registerTrackingRoutes, type TrackingSwitch } from "./routes/tracking.ts";
import { registerWebhookRoutes } from "./routes/webhooks.ts";
import type { ShapeContext } from "./shapes.ts";
import { WC_VERSION, type WooWebhooks } from "./webhooks.ts";

export interface WooServerDeps {
  readonly ctx: ShapeContext;
  readonly keys: readonly ApiKey[];
  readonly faults: Faults;
  readonly writeLog: WriteLog;
  readonly rateLimit: RateLimitSlot;
  readonly dispatcher: WebhookDispatcher;
  readonly webhooks: WooWebhooks;
  readonly tracking: TrackingSwitch;
  readonly acceptBasicOverHttp: boolean;
  readonly info: () => Record<string, unknown>;
}

/** WooCommerce's error JSON for every failure; control requests that fail validation get 422. */
const wooErrorHandler: Parameters<FastifyInstance["setErrorHandler"]>[0] = (error, _request, reply) => {
  if (error instanceof WooError) return reply.code(error.status).send(error.body());
  const control = controlValidationReply(error);
  if (control) return reply.code(control.status).send(control.body);
  const status = (error as { statusCode?: unknown }).statusCode;
  if (status === 400 && (error as { code?: string }).code === "FST_ERR_CTP_INVALID_JSON_BODY") {
    return reply.code(400).send(wooErrorBody(400, "rest_invalid_json", "Invalid JSON body passed."));
  }
  if (typeof status === "number" && status < 500) {
    return reply.code(status).send(wooErrorBody(status, "rest_invalid_request", (error as Error).message));
  }
  return reply
    .code(500)
    .send(wooErrorBody(500, "internal_server_error", "There has been a critical error on this website."));
};

/** The parts of `GET /system_status` a client checks: versions, site URL, active plugins, currency. */
function systemStatus(siteUrl: string, tracking: boolean, offsetMinutes: number) {
  const abs = Math.abs(offsetMinutes);
  const hhmm = `${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
  const plugin = (file: string, name: string, version: string) => ({
    plugin: file,
    name,
    version,
    author_name: "WooCommerce",
  });
  return {
    environment: { home_url: siteUrl, site_url: siteUrl, version: WC_VERSION, wp_version: "6.7.1" },
    active_plugins: [
      plugin("woocommerce/woocommerce.php", "WooCommerce", WC_VERSION),
      ...(tracking
        ? [
            plugin(
              "woocommerce-shipment-tracking/woocommerce-shipment-tracking.php",
              "WooCommerce Shipment Tracking",
              "2.6.0",
            ),
          ]
        : []),
    ],
    settings: {
      api_enabled: true,
      currency: "USD",
      currency_symbol: "&#36;",
      timezone: `${offsetMinutes < 0 ? "-" : "+"}${hhmm}`,
    },
  };
}

/** The sandbox's HTTP face: the kit gate, WooCommerce's routes, the control API, its error JSON. */
export function buildWooServer(deps: WooServerDeps): FastifyInstance {
  const { ctx } = deps;
  const app = createSandboxServer({
    gate: wooGate({ keys: deps.keys, nowMs: ctx.store.nowMs, acceptBasicOverHttp: deps.acceptBasicOverHttp }),
    faults: deps.faults,
    writeLog: deps.writeLog,
    rateLimit: deps.rateLimit,
    errorHandler: wooErrorHandler,
  });
  registerProductRoutes(app, ctx);
  registerBatchRoutes(app, ctx);
  registerOrderRoutes(app, ctx);
  registerWebhookRoutes(app, ctx, deps.webhooks, (request) => {
    const key = deps.keys.find((k) => k.consumerKey === request.sandboxPrincipal);
    return key?.consumerSecret ?? "";
  });
  registerTrackingRoutes(app, ctx, deps.tracking);
  registerKitControlRoutes(app, {
    faults: deps.faults,
    writeLog: deps.writeLog,
    webhooks: deps.dispatcher,
    rateLimit: deps.rateLimit,
  });
  registerWooControlRoutes(app, { ctx, rateLimit: deps.rateLimit, tracking: deps.tracking, info: deps.info });

  // The public REST index: clients find installed extensions by their namespaces.
  app.get("/wp-json/", async () => ({
    name: "Stockwire WooCommerce sandbox",
    url: ctx.siteUrl,
    home: ctx.siteUrl,
    namespaces: ["wp/v2", "wc/v3", ...(deps.tracking.enabled ? ["wc-shipment-tracking/v3"] : [])],
  }));
  app.get("/wp-json/wc/v3/system_status", async () =>
    systemStatus(ctx.siteUrl, deps.tracking.enabled, ctx.clock.utcOffsetMinutes),
  );

  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith("/wp-json/")) return reply.code(404).send(routeNotFound().body());
    return reply.code(404).send("Not Found");
  });
  return app;
}
