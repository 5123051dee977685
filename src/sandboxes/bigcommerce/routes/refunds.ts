import type { FastifyInstance } from "fastify";
import type { StoreRefund } from "../../kit/store/records.ts";
import { v3NotFound } from "../errors.ts";
import { refundJson } from "../shapes.ts";
import type { BcOrder } from "../store.ts";
import { type BcContext, dateParam, idParam, listFilter, query, V3, v3Page } from "./common.ts";

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

  app.get(`${V3}/orders/payment_actions/refunds`, async (request) => {
    const q = query(request);
    const orderIds = listFilter(q, "order_id:in");
    const min = dateParam(q, "created:min");
    const max = dateParam(q, "created:max");
    const refunds = [...store.orders.values()]
      .filter((o) => orderIds === null || orderIds.has(String(o.id)))
      .flatMap((o) => o.refunds.map((r) => ({ o, r })))
      .filter(({ r }) => (min === null || r.createdMs >= min) && (max === null || r.createdMs <= max))
      .sort((a, b) => a.r.id - b.r.id);
    return v3Page(
      request,
      refunds,
      { defaultPerPage: 50, maxPerPage: 250 },
      ({ o, r }: { o: BcOrder; r: StoreRefund }) => refundJson(o, r),
    );
  });
}
