import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { idParam } from "../kit/query.ts";
import { FixedWindow } from "../kit/rate-limit.ts";
import type { RateLimitSlot } from "../kit/server.ts";
import { registerOrderControl } from "../kit/store/control.ts";
import { recordRefund, setOrderStatus } from "../kit/store/order-ops.ts";
import { SsError } from "./errors.ts";
import type { RateSettings } from "./gate.ts";
import { markOrderShipped } from "./routes.ts";
import { orderJson, shipmentJson } from "./shapes.ts";
import { SS_STATUSES, type SsState, type SsStatus } from "./store.ts";

const rateChange = z.object({
  limit: z.number().int().positive().optional(),
  windowMs: z.number().int().positive().optional(),
});
const ship = z.object({
  carrierCode: z.string().min(1).default("stamps_com"),
  trackingNumber: z.string().min(1).optional(),
});
const placeIn = z.object({ storeId: z.number().int().optional() });

/**
 * The merchant's side: place an order (in a sub-store: `storeId`), change its status, ship it
 * from outside the hub (a label bought in ShipStation: SHIP_NOTIFY follows), and the rate window.
 */
export function registerSsControlRoutes(
  app: FastifyInstance,
  deps: { state: SsState; rate: RateSettings; rateLimit: RateLimitSlot },
): void {
  const { state } = deps;
  const { store } = state;
  // The kit's order route reads only its own fields; the sub-store is taken here, before it runs.
  app.addHook("preHandler", async (request) => {
    if (request.method !== "POST" || request.url.split("?")[0] !== "/_sandbox/orders") return;
    const { storeId } = placeIn.parse(request.body ?? {});
    if (storeId !== undefined && !state.subStores.some((s) => s.storeId === storeId))
      throw new SsError(404, `Store ${storeId} not found`);
    state.nextStoreId = storeId ?? null;
  });
  registerOrderControl<SsStatus>(app, store, {
    statusField: "orderStatus",
    status: z.enum(SS_STATUSES as [SsStatus, ...SsStatus[]]),
    defaultStatus: "awaiting_shipment",
    shopper: {
      customer: { firstName: "Sam", lastName: "Shopper", email: "sam.shopper@example.com" },
      address: {
        firstName: "Sam",
        lastName: "Shopper",
        address1: "1 Main St",
        city: "Portland",
        province: "OR",
        zip: "97201",
        countryCode: "US",
        phone: null,
      },
    },
    shippingCents: 500,
    renderOrder: (order) => orderJson(state, order),
    renderRefund: (_order, refund) => ({ refundId: refund.id, amount: refund.amountCents / 100 }),
    setStatus: (order, status) => setOrderStatus(store, order, status),
    // ShipStation does not take payments; a refund here only models the sales channel's.
    refund: (order, input) => recordRefund(store, order, { ...input, reason: input.reason ?? "" }),
    setStock: (items, quantity) => {
      for (const item of items) store.setStock(item, 1, quantity, "manual");
    },
    viewStock: (item) => ({ sku: item.sku, onHand: store.onHand(item) }),
    notFound: (message) => new SsError(404, message),
  });

  /** A label bought in ShipStation for the order's open lines: the order is shipped, SHIP_NOTIFY goes out. */
  app.post("/_sandbox/orders/:id/ship", async (request, reply) => {
    const order = store.orders.get(idParam(request));
    if (!order) throw new SsError(404, "No order has this id");
    const input = ship.parse(request.body ?? {});
    const shipment = markOrderShipped(
      state,
      order,
      { carrierCode: input.carrierCode, trackingNumber: input.trackingNumber ?? `9400${Date.now()}` },
      "label",
    );
    return reply.code(201).send(shipmentJson(state, order, shipment, true));
  });

  /** The window: `limit` requests per `windowMs` (40 a minute by default). */
  app.put("/_sandbox/rate-limit", async (request) => {
    Object.assign(deps.rate, rateChange.parse(request.body));
    deps.rateLimit.model = new FixedWindow(
      { limit: deps.rate.limit, windowMs: deps.rate.windowMs },
      store.nowMs,
    );
    return deps.rate;
  });
}
