import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { FixedWindow } from "../kit/rate-limit.ts";
import type { RateLimitSlot } from "../kit/server.ts";
import { registerStockControl } from "../kit/stock-control.ts";
import { applyItemChanges } from "./catalog-ops.ts";
import { WooError } from "./errors.ts";
import { emptyAddress, orderById, placeOrder, refundOrder, setOrderStatus } from "./order-ops.ts";
import type { TrackingSwitch } from "./routes/tracking.ts";
import { orderJson, refundJson, type ShapeContext, webhookJson } from "./shapes.ts";
import { isVariation, ORDER_STATUSES, type WooLineItem } from "./store.ts";

export interface WooControlDeps {
  readonly ctx: ShapeContext;
  readonly rateLimit: RateLimitSlot;
  readonly tracking: TrackingSwitch;
}

const newOrder = z.object({
  lines: z
    .array(z.object({ sku: z.string(), quantity: z.number().int().positive(), price: z.string().optional() }))
    .min(1),
  status: z.enum(ORDER_STATUSES).optional(),
  /** A guest order without customer details or address (customer_id 0, empty billing and shipping). */
  guest: z.boolean().optional(),
  customer: z.object({ firstName: z.string(), lastName: z.string(), email: z.string() }).optional(),
});
const refund = z.object({
  lines: z.array(
    z.object({
      sku: z.string().optional(),
      lineItemId: z.number().int().optional(),
      quantity: z.number().int().positive(),
    }),
  ),
  amount: z.string().optional(),
  reason: z.string().optional(),
  restock: z.boolean().optional(),
});
const orderId = z.object({ id: z.coerce.number().int() });

/** The WooCommerce half of `/_sandbox/…`: orders, refunds and stock changed from outside the hub. */
export function registerWooControlRoutes(app: FastifyInstance, deps: WooControlDeps): void {
  const { ctx } = deps;
  const store = ctx.store;

  app.post("/_sandbox/orders", async (request, reply) => {
    const input = newOrder.parse(request.body);
    const lines: Omit<WooLineItem, "id">[] = input.lines.map((l) => {
      const item = store.findBySku(l.sku)[0];
      if (!item) throw new WooError(404, "sandbox_unknown_sku", `No product or variation has SKU ${l.sku}`);
      const productId = isVariation(item) ? item.parentId : item.id;
      const name = store.products.get(productId)?.name ?? l.sku;
      return {
        name,
        productId,
        variationId: isVariation(item) ? item.id : 0,
        quantity: l.quantity,
        sku: item.sku,
        price: l.price ?? item.regularPrice,
      };
    });
    const who = input.customer ?? { firstName: "Sam", lastName: "Shopper", email: "sam.shopper@example.com" };
    const address = {
      ...emptyAddress(),
      first_name: who.firstName,
      last_name: who.lastName,
      address_1: "1 Main St",
      city: "Portland",
      state: "OR",
      postcode: "97201",
      country: "US",
    };
    const order = placeOrder(
      store,
      {
        lines,
        status: input.status ?? "processing",
        createdMs: store.nowMs(),
        customerId: input.guest ? 0 : 1,
        billing: input.guest ? { ...emptyAddress(), email: "" } : { ...address, email: who.email },
        shipping: input.guest ? emptyAddress() : address,
        shippingTotal: input.guest ? "0.00" : "5.00",
      },
      { emit: true },
    );
    return reply.code(201).send(orderJson(ctx, order));
  });

  app.put("/_sandbox/orders/:id/status", async (request) => {
    const order = orderById(store, orderId.parse(request.params).id, 404);
    setOrderStatus(store, order, z.object({ status: z.enum(ORDER_STATUSES) }).parse(request.body).status);
    order.modifiedMs = store.nowMs();
    store.emit("order.updated", order.id);
    return orderJson(ctx, order);
  });

  app.post("/_sandbox/orders/:id/refunds", async (request, reply) => {
    const order = orderById(store, orderId.parse(request.params).id, 404);
    const input = refund.parse(request.body);
    const lines = input.lines.map((l) => {
      const line = order.lines.find((x) => x.id === l.lineItemId || (l.sku !== undefined && x.sku === l.sku));
      if (!line) throw new WooError(404, "sandbox_unknown_line", "No line of this order matches");
      return { lineItemId: line.id, quantity: l.quantity };
    });
    const created = refundOrder(store, order, {
      lines,
      restock: input.restock ?? true,
      ...(input.amount !== undefined ? { amount: input.amount } : {}),
      ...(input.reason !== undefined ? { reason: input.reason } : {}),
    });
    return reply.code(201).send(refundJson(ctx, order, created));
  });

  registerStockControl(app, {
    bySku: (sku) => store.findBySku(sku),
    set: (items, quantity) => {
      for (const item of items)
        applyItemChanges(store, item, { manage_stock: true, stock_quantity: quantity });
    },
    view: (i) => ({ id: i.id, sku: i.sku, manage_stock: i.manageStock, stock_quantity: i.stockQuantity }),
    unknownSku: (sku) => new WooError(404, "sandbox_unknown_sku", `No product or variation has SKU ${sku}`),
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
    [...store.webhooks.values()].map((w) => ({
      ...webhookJson(ctx, w),
      secret: w.secret,
      failure_count: w.failureCount,
    })),
  );
}
