import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { FixedWindow } from "../kit/rate-limit.ts";
import type { RateLimitSlot } from "../kit/server.ts";
import { registerOrderControl, sampleShopper } from "../kit/store/control.ts";
import { setOrderStatus } from "../kit/store/order-ops.ts";
import { BcV3Error } from "./errors.ts";
import type { RateSettings } from "./gate.ts";
import { refundOrder } from "./order-ops.ts";
import type { BcContext } from "./routes/common.ts";
import { hookJson, orderJson, refundJson, STATUS_NAMES } from "./shapes.ts";
import { DEFAULT_LOCATION, trackingOf } from "./store.ts";

export interface BcControlDeps {
  readonly ctx: BcContext;
  readonly rate: RateSettings;
  readonly rateLimit: RateLimitSlot;
}

const rateChange = z.object({
  quota: z.number().int().positive().optional(),
  windowMs: z.number().int().positive().optional(),
  headerless: z.boolean().optional(),
});

/** The BigCommerce half of `/_sandbox/…`: the kit's order and stock routes in BigCommerce's terms, and the rate window. */
export function registerBcControlRoutes(app: FastifyInstance, deps: BcControlDeps): void {
  const { ctx } = deps;
  const { store } = ctx;
  const apiBase = () => `${ctx.baseUrl}/stores/${ctx.storeHash}`;
  registerOrderControl<number>(app, store, {
    statusField: "status_id",
    status: z
      .number()
      .int()
      .refine((n) => STATUS_NAMES[n] !== undefined, "an order status_id BigCommerce has (0–14)"),
    defaultStatus: 11,
    shopper: sampleShopper("Oregon"),
    shippingCents: 500,
    renderOrder: (order) => orderJson(apiBase(), order),
    renderRefund: (order, refund) => refundJson(order, refund),
    setStatus: (order, status) => setOrderStatus(store, order, status),
    refund: (order, input) => refundOrder(store, order, input),
    // Stock changed from outside the hub (a count, an edit in the control panel) at one location.
    setStock: (items, quantity, body) => {
      const locationId = z.number().int().optional().parse(body.location_id) ?? DEFAULT_LOCATION;
      if (!store.locations.has(locationId)) throw new BcV3Error(404, `No location ${locationId}`);
      for (const item of items) store.setStock(item, locationId, quantity, "manual");
    },
    viewStock: (v) => ({
      variant_id: v.id,
      product_id: v.productId,
      sku: v.sku,
      inventory_tracking: trackingOf(store, store.productOf(v)),
      inventory_level: store.onHand(v),
      locations: Object.fromEntries(v.stock),
    }),
    notFound: (message) => new BcV3Error(404, message),
  });

  /** The plan's window: `quota` requests per `windowMs`, and whether a 429 leaves out its headers. */
  app.put("/_sandbox/rate-limit", async (request) => {
    Object.assign(deps.rate, rateChange.parse(request.body));
    deps.rateLimit.model = new FixedWindow(
      { limit: deps.rate.quota, windowMs: deps.rate.windowMs },
      store.nowMs,
    );
    return deps.rate;
  });

  /** Hooks with what a real store hides from a listing filter: every hook, active or not. */
  app.get("/_sandbox/hooks", async () =>
    [...store.subscriptions.values()].map((h) => hookJson(ctx.storeHash, ctx.clientId, h)),
  );
}
