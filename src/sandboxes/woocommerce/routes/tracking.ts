import { createHash } from "node:crypto";
import type { FastifyInstance } from "fastify";
import { recordShipment } from "../../kit/store/order-ops.ts";
import type { StoreShipment } from "../../kit/store/records.ts";
import { routeNotFound, WooError } from "../errors.ts";
import { orderById } from "../ops.ts";
import type { ShapeContext } from "../shapes.ts";
import type { WooOrder } from "../store.ts";
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

/** The extension's fields; without it installed, the order's tracking lives in its notes. */
function tracking(t: StoreShipment) {
  return {
    tracking_id: t.ref,
    tracking_provider: t.provider,
    custom_tracking_provider: t.customProvider,
    custom_tracking_link: t.link,
    tracking_number: t.trackingNumber,
    date_shipped: t.shippedOn,
  };
}

function trackingJson(ctx: ShapeContext, order: WooOrder, t: StoreShipment): Record<string, unknown> {
  const template = PROVIDER_LINKS[t.provider.toLowerCase()];
  return {
    ...tracking(t),
    tracking_link: t.link || (template ? template.replace("%s", t.trackingNumber) : ""),
    _links: {
      self: [
        {
          href: `${ctx.siteUrl}/wp-json/wc-shipment-tracking/v3/orders/${order.id}/shipment-trackings/${t.ref}`,
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
    return o.shipments.map((t) => trackingJson(ctx, o, t));
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
    const text = (name: string) => (typeof body[name] === "string" ? (body[name] as string) : "");
    const shipment = recordShipment(ctx.store, o, {
      ref: createHash("md5").update(`${o.id}-${number}-${o.shipments.length}`).digest("hex"),
      provider: text("tracking_provider"),
      customProvider: text("custom_tracking_provider"),
      link: text("custom_tracking_link"),
      trackingNumber: number,
      shippedOn: dateShipped(body.date_shipped, ctx.store.nowMs()),
      carrier: "",
      comments: "",
      items: [],
    });
    return reply.code(201).send(trackingJson(ctx, o, shipment));
  });

  app.delete(`${base}/:trackingId`, async (request) => {
    const o = order(request);
    const trackingId = (request.params as { trackingId: string }).trackingId;
    const index = o.shipments.findIndex((t) => t.ref === trackingId);
    if (index < 0) throw new WooError(404, "woocommerce_rest_shop_order_invalid_id", "Invalid tracking ID.");
    const [removed] = o.shipments.splice(index, 1);
    return { ...tracking(removed as StoreShipment), deleted: true };
  });
}
