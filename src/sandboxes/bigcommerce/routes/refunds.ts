import type { FastifyInstance } from "fastify";
import { oneOf, serveResource } from "../../kit/resources.ts";
import type { StoreRefund } from "../../kit/store/records.ts";
import { v3NotFound } from "../errors.ts";
import { refundJson } from "../shapes.ts";
import type { BcOrder } from "../store.ts";
import { type BcContext, dateBound, idParam, V3, v3Paging } from "./common.ts";

type OrderRefund = { readonly o: BcOrder; readonly r: StoreRefund };

/**
 * Refunds through the v3 payment actions: one order's (`/v3/orders/{id}/payment_actions/refunds`)
 * and every order's (`/v3/orders/payment_actions/refunds`, `order_id:in`, `created:min|max`).
 * Refunds are made from outside through the control API.
 */
export function registerRefundRoutes(app: FastifyInstance, ctx: BcContext): void {
  const { store } = ctx;

  app.get(`${V3}/orders/:id/payment_actions/refunds`, async (request) => {
    const order = store.orders.get(idParam(request));
    if (!order) throw v3NotFound();
    return { data: order.refunds.map((r) => refundJson(order, r)), meta: {} };
  });

  serveResource<OrderRefund>(app, {
    path: `${V3}/orders/payment_actions/refunds`,
    paging: v3Paging(),
    list: () => [...store.orders.values()].flatMap((o) => o.refunds.map((r) => ({ o, r }))),
    filters: {
      "order_id:in": oneOf(({ o }) => o.id),
      "created:min": dateBound("min", ({ r }) => r.createdMs),
      "created:max": dateBound("max", ({ r }) => r.createdMs),
    },
    sort: () => (a, b) => a.r.id - b.r.id,
    render: ({ o, r }) => refundJson(o, r),
  });
}
