import type { FastifyInstance } from "fastify";
import { invalidParam, WooError } from "../errors.ts";
import { addNote, orderById, refundOrder, updateOrder } from "../ops.ts";
import { noteJson, orderJson, refundJson, type ShapeContext } from "../shapes.ts";
import { ORDER_STATUSES, type OrderStatus, type WooOrder } from "../store.ts";
import { booleanParam, dateFilter, idParam, query, sendPage, sorter } from "./listing.ts";

const STATUS_VALUES = ["any", ...ORDER_STATUSES];

function statusFilter(value: string | undefined): (order: WooOrder) => boolean {
  const wanted = (value ?? "any").split(",").map((s) => s.trim());
  for (const s of wanted) {
    if (!STATUS_VALUES.includes(s))
      throw invalidParam("status", `status[0] is not one of ${STATUS_VALUES.join(", ")}.`);
  }
  // "any" is every status but trash, as in core.
  return (order) => (wanted.includes("any") ? order.status !== "trash" : wanted.includes(order.status));
}

interface RefundBody {
  readonly amount?: unknown;
  readonly reason?: unknown;
  readonly api_restock?: unknown;
  readonly line_items?: readonly { readonly id?: unknown; readonly quantity?: unknown }[];
}

/** Orders: list, read, update; notes; refunds (`/wp-json/wc/v3/orders…`). */
export function registerOrderRoutes(app: FastifyInstance, ctx: ShapeContext): void {
  const base = "/wp-json/wc/v3/orders";
  const order = (request: Parameters<typeof idParam>[0], status: 400 | 404) =>
    orderById(ctx.store, idParam(request), status);

  app.get(base, async (request, reply) => {
    const q = query(request);
    const inRange = dateFilter(ctx.clock, q);
    const hasStatus = statusFilter(q.status);
    const items = [...ctx.store.orders.values()]
      .filter((o) => inRange(o) && hasStatus(o))
      .sort(sorter<WooOrder>(q, (o) => String(o.id)));
    return sendPage(request, reply, ctx.siteUrl, items, (o) => orderJson(ctx, o));
  });

  app.get(`${base}/:id`, async (request) => orderJson(ctx, order(request, 404)));

  app.put(`${base}/:id`, async (request) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    return orderJson(ctx, updateOrder(ctx.store, order(request, 400), body));
  });

  app.get(`${base}/:id/notes`, async (request) => {
    const o = order(request, 404);
    const type = query(request).type ?? "any";
    const notes = o.notes.filter((n) => type === "any" || (type === "customer") === n.customerNote);
    return [...notes].reverse().map((n) => noteJson(ctx, o, n));
  });

  app.post(`${base}/:id/notes`, async (request, reply) => {
    const o = order(request, 404);
    const body = (request.body ?? {}) as Record<string, unknown>;
    return reply.code(201).send(noteJson(ctx, o, addNote(ctx.store, o, body.note, body.customer_note)));
  });

  app.get(`${base}/:id/refunds`, async (request, reply) => {
    const o = order(request, 404);
    // Newest first, as core lists them.
    return sendPage(request, reply, ctx.siteUrl, [...o.refunds].reverse(), (r) => refundJson(ctx, o, r));
  });

  app.get(`${base}/:id/refunds/:refundId`, async (request) => {
    const o = order(request, 404);
    const refund = o.refunds.find((r) => r.id === idParam(request, "refundId"));
    if (!refund) throw new WooError(404, "woocommerce_rest_shop_order_refund_invalid_id", "Invalid ID.");
    return refundJson(ctx, o, refund);
  });

  app.post(`${base}/:id/refunds`, async (request, reply) => {
    const o = order(request, 404);
    const body = (request.body ?? {}) as RefundBody;
    const refund = refundOrder(ctx.store, o, {
      ...(typeof body.amount === "string" ? { amount: body.amount } : {}),
      ...(typeof body.reason === "string" ? { reason: body.reason } : {}),
      lines: (body.line_items ?? []).map((l) => ({
        lineId: Number(l.id),
        quantity: Number(l.quantity ?? 0),
      })),
      restock:
        body.api_restock === undefined ? true : booleanParam({ r: String(body.api_restock) }, "r", true),
    });
    return reply.code(201).send(refundJson(ctx, o, refund));
  });
}

export function isOrderStatus(value: unknown): value is OrderStatus {
  return (ORDER_STATUSES as readonly unknown[]).includes(value);
}
