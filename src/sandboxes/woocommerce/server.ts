import type { PlatformServer } from "../kit/sandbox.ts";
import type { RateLimitSlot } from "../kit/server.ts";
import { registerWooControlRoutes } from "./control.ts";
import { wooErrorStyle } from "./errors.ts";
import { type ApiKey, wooGate } from "./gate.ts";
import { registerCatalogRoutes } from "./routes/catalog.ts";
import { registerOrderRoutes } from "./routes/orders.ts";
import { registerTrackingRoutes, type TrackingSwitch } from "./routes/tracking.ts";
import { registerWebhookRoutes } from "./routes/webhooks.ts";
import type { ShapeContext } from "./shapes.ts";
import { WC_VERSION } from "./webhooks.ts";

export interface WooServerDeps {
  readonly ctx: ShapeContext;
  readonly keys: readonly ApiKey[];
  readonly rateLimit: RateLimitSlot;
  readonly tracking: TrackingSwitch;
  readonly acceptBasicOverHttp: boolean;
  readonly info: () => Record<string, unknown>;
}

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

/** The sandbox's HTTP face: WooCommerce's gate, routes, control routes and error JSON. */
export function wooServer(deps: WooServerDeps): PlatformServer {
  const { ctx } = deps;
  return {
    gate: wooGate({ keys: deps.keys, nowMs: ctx.store.nowMs, acceptBasicOverHttp: deps.acceptBasicOverHttp }),
    errors: wooErrorStyle,
    info: deps.info,
    routes(app) {
      registerCatalogRoutes(app, ctx);
      registerOrderRoutes(app, ctx);
      registerWebhookRoutes(app, ctx, (request) => {
        const key = deps.keys.find((k) => k.consumerKey === request.sandboxPrincipal);
        return key?.consumerSecret ?? "";
      });
      registerTrackingRoutes(app, ctx, deps.tracking);
      registerWooControlRoutes(app, { ctx, rateLimit: deps.rateLimit, tracking: deps.tracking });
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
    },
  };
}
