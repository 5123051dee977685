import type { FastifyInstance } from "fastify";
import { type Call, serveResource, unpaged } from "../../kit/resources.ts";
import type { StoreNote, StoreRefund } from "../../kit/store/records.ts";
import { invalidParam, WooError } from "../errors.ts";
import { addNote, orderById, refundOrder, updateOrder } from "../ops.ts";
import { noteJson, orderJson, refundJson, type ShapeContext } from "../shapes.ts";
import { ORDER_STATUSES, type WooOrder } from "../store.ts";
import { booleanParam, dateFilter, sorter, wooPaging } from "./listing.ts";

const STATUS_VALUES = ["any", ...ORDER_STATUSES];

function statusFilter(value: string): (order: WooOrder) => boolean {
  const wanted = value.split(",").map((s) => s.trim());
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
  const { store } = ctx;
  const base = "/wp-json/wc/v3/orders";
  const paging = wooPaging(() => ctx.siteUrl);
  const order = (call: Call) => orderById(store, call.id(), 404);

  serveResource<WooOrder>(app, {
    path: base,
    paging,
    list: () => store.orders.values(),
    // Without `status` the list is "any": every status but trash.
    where: (q) => {
      const inRange = dateFilter(ctx.clock, q);
      const hasStatus = statusFilter(q.status ?? "any");
      return (o) => inRange(o) && hasStatus(o);
    },
    sort: (q) => sorter<WooOrder>(q, (o) => String(o.id)),
    render: (o) => orderJson(ctx, o),
    find: (call, purpose) => orderById(store, call.id(), purpose === "read" ? 404 : 400),
    update: (o, call) => updateOrder(store, o, call.body),
  });

  serveResource<StoreNote>(app, {
    path: `${base}/:id/notes`,
    itemParam: "noteId",
    paging: unpaged(),
    // Newest first, as core lists them.
    list: (call) => [...order(call).notes].reverse(),
    filters: { type: (type) => (n) => type === "any" || (type === "customer") === n.customerNote },
    render: (n, call) => noteJson(ctx, order(call), n),
    create: (call) => addNote(store, order(call), call.body.note, call.body.customer_note),
  });

  serveResource<StoreRefund>(app, {
    path: `${base}/:id/refunds`,
    itemParam: "refundId",
    paging,
    list: (call) => [...order(call).refunds].reverse(),
    render: (r, call) => refundJson(ctx, order(call), r),
    find(call) {
      const refund = order(call).refunds.find((r) => r.id === call.id("refundId"));
      if (!refund) throw new WooError(404, "woocommerce_rest_shop_order_refund_invalid_id", "Invalid ID.");
      return refund;
    },
    create(call) {
      const body = call.body as RefundBody;
      return refundOrder(store, order(call), {
        ...(typeof body.amount === "string" ? { amount: body.amount } : {}),
        ...(typeof body.reason === "string" ? { reason: body.reason } : {}),
        lines: (body.line_items ?? []).map((l) => ({
          lineId: Number(l.id),
          quantity: Number(l.quantity ?? 0),
        })),
        restock:
          body.api_restock === undefined ? true : booleanParam({ r: String(body.api_restock) }, "r", true),
      });
    },
  });
}
