import { createHash } from "node:crypto";
import type { FastifyInstance } from "fastify";
import { routeNotFound, WooError } from "../errors.ts";
import { orderById } from "../order-ops.ts";
import type { ShapeContext } from "../shapes.ts";
import type { WooOrder, WooTracking } from "../store.ts";
import { idParam } from "./listing.ts";

/** Whether the Shipment Tracking extension is installed; without it its routes do not exist. */
export interface TrackingSwitch {
  enabled: boolean;
}

const PROVIDER_LINKS: Record<string, string> = {
  usps: "https://tools.usps.com/go/TrackConfirmAction?tLabels=%s",
  ups: "https://www.ups.com/track?tracknum=%s",
  fedex: "https://www.fedex.com/fedextrack/?tracknumbers=%s",
  dhl: "https://www.dhl.com/en/express/tracking.html?AWB=%s",
};

function trackingJson(ctx: ShapeContext, order: WooOrder, t: WooTracking): Record<string, unknown> {
  const template = PROVIDER_LINKS[t.tracking_provider.toLowerCase()];
  return {
    ...t,
    tracking_link: t.custom_tracking_link || (template ? template.replace("%s", t.tracking_number) : ""),
    _links: {
      self: [
        {
          href: `${ctx.siteUrl}/wp-json/wc-shipment-tracking/v3/orders/${order.id}/shipment-trackings/${t.tracking_id}`,
        },
      ],
    },
  };
}

function dateShipped(value: unknown, nowMs: number): string {
  if (typeof value === "number") return new Date(value * 1000).toISOString().slice(0, 10);
  if (typeof value === "string" && value !== "") {
    const ms = /^\d+$/.test(value) ? Number(value) * 1000 : Date.parse(value);
    if (!Number.isNaN(ms)) return new Date(ms).toISOString().slice(0, 10);
  }
  return new Date(nowMs).toISOString().slice(0, 10);
}

/** The Shipment Tracking extension's REST routes (`wc-shipment-tracking/v3`). */
export function registerTrackingRoutes(
  app: FastifyInstance,
  ctx: ShapeContext,
  extension: TrackingSwitch,
): void {
  const base = "/wp-json/wc-shipment-tracking/v3/orders/:id/shipment-trackings";
  const order = (request: Parameters<typeof idParam>[0]) => {
    if (!extension.enabled) throw routeNotFound();
    return orderById(ctx.store, idParam(request), 404);
  };

  app.get(base, async (request) => {
    const o = order(request);
    return o.trackings.map((t) => trackingJson(ctx, o, t));
  });

  app.post(base, async (request, reply) => {
    const o = order(request);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const number = typeof body.tracking_number === "string" ? body.tracking_number.trim() : "";
    if (number === "") {
      throw new WooError(400, "rest_missing_callback_param", "Missing parameter(s): tracking_number", {
        params: ["tracking_number"],
      });
    }
    const tracking: WooTracking = {
      tracking_id: createHash("md5").update(`${o.id}-${number}-${o.trackings.length}`).digest("hex"),
      tracking_provider: typeof body.tracking_provider === "string" ? body.tracking_provider : "",
      custom_tracking_provider:
        typeof body.custom_tracking_provider === "string" ? body.custom_tracking_provider : "",
      custom_tracking_link: typeof body.custom_tracking_link === "string" ? body.custom_tracking_link : "",
      tracking_number: number,
      date_shipped: dateShipped(body.date_shipped, ctx.store.nowMs()),
    };
    o.trackings.push(tracking);
    return reply.code(201).send(trackingJson(ctx, o, tracking));
  });

  app.delete(`${base}/:trackingId`, async (request) => {
    const o = order(request);
    const trackingId = (request.params as { trackingId: string }).trackingId;
    const index = o.trackings.findIndex((t) => t.tracking_id === trackingId);
    if (index < 0) throw new WooError(404, "woocommerce_rest_shop_order_invalid_id", "Invalid tracking ID.");
    const [removed] = o.trackings.splice(index, 1);
    return { ...(removed as WooTracking), deleted: true };
  });
}
