import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { FixedWindow } from "../kit/rate-limit.ts";
import type { RateLimitSlot } from "../kit/server.ts";
import { registerOrderControl, sampleShopper } from "../kit/store/control.ts";
import { setOrderStatus } from "../kit/store/order-ops.ts";
import { WooError } from "./errors.ts";
import { applyItemChanges, refundOrder } from "./ops.ts";
import type { TrackingSwitch } from "./routes/tracking.ts";
import { orderJson, refundJson, type ShapeContext, webhookJson } from "./shapes.ts";
import { ORDER_STATUSES, type OrderStatus, stockQuantity } from "./store.ts";

export interface WooControlDeps {
  readonly ctx: ShapeContext;
  readonly rateLimit: RateLimitSlot;
  readonly tracking: TrackingSwitch;
}

/** The WooCommerce half of `/_sandbox/…`: the kit's order and stock routes in WooCommerce's terms, and its switches. */
export function registerWooControlRoutes(app: FastifyInstance, deps: WooControlDeps): void {
  const { ctx } = deps;
  const store = ctx.store;
  registerOrderControl<OrderStatus>(app, store, {
    statusField: "status",
    status: z.enum(ORDER_STATUSES),
    defaultStatus: "processing",
    shopper: sampleShopper("OR"),
    shippingCents: 500,
    renderOrder: (order) => orderJson(ctx, order),
    renderRefund: (order, refund) => refundJson(ctx, order, refund),
    setStatus: (order, status) => setOrderStatus(store, order, status),
    refund: (order, input) => refundOrder(store, order, input),
    setStock: (items, quantity) => {
      for (const item of items)
        applyItemChanges(store, item, { manage_stock: true, stock_quantity: quantity });
    },
    viewStock: (i) => ({ id: i.id, sku: i.sku, manage_stock: i.tracked, stock_quantity: stockQuantity(i) }),
    notFound: (message) => new WooError(404, "sandbox_not_found", message),
  });

  /** The host's rate limit: `limit` requests per `windowSeconds`; DELETE /_sandbox/rate-limit lifts it. */
  app.put("/_sandbox/rate-limit", async (request) => {
    const body = z
      .object({ limit: z.number().int().positive(), windowSeconds: z.number().positive() })
      .parse(request.body);
    deps.rateLimit.model = new FixedWindow(
      { limit: body.limit, windowMs: body.windowSeconds * 1000 },
      store.nowMs,
    );
    return body;
  });

  app.put("/_sandbox/shipment-tracking", async (request) => {
    deps.tracking.enabled = z.object({ enabled: z.boolean() }).parse(request.body).enabled;
    return deps.tracking;
  });

  /** Webhooks with what the REST API hides: secret and consecutive failures. */
  app.get("/_sandbox/webhooks", async () =>
    [...store.subscriptions.values()].map((w) => ({
      ...webhookJson(ctx, w),
      secret: w.secret,
      failure_count: w.failureCount,
    })),
  );
}
