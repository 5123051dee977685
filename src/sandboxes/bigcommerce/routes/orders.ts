import type { FastifyInstance } from "fastify";
import { equals, plainPaging, serveResource, unpaged } from "../../kit/resources.ts";
import { setOrderStatus } from "../../kit/store/order-ops.ts";
import type { StoreOrderLine, StoreShipment } from "../../kit/store/records.ts";
import { BcV2Error } from "../errors.ts";
import { createShipment, orderById } from "../order-ops.ts";
import { orderJson, orderProductJson, STATUS_NAMES, shipmentJson, shippingAddressJson } from "../shapes.ts";
import type { BcOrder } from "../store.ts";
import { type BcContext, dateBound, type Query, V2 } from "./common.ts";

/** V2 order lists: default 50 ("requests sent without parameters will only return 50 orders"), at most 250. */
export const ORDER_LIMITS = { defaultPerPage: 50, maxPerPage: 250 } as const;

const invalid = (name: string) => new BcV2Error(400, `The field '${name}' is invalid.`);
/** V2 answers an empty collection with 204 and no body. */
const empty204 = unpaged(204);

const SORTS: Record<string, (o: BcOrder) => number> = {
  id: (o) => o.id,
  date_created: (o) => o.createdMs,
  date_modified: (o) => o.modifiedMs,
  status_id: (o) => o.status,
};

/** `sort=field:asc|desc`, by id ascending by default, ties by id. */
function orderSort(q: Query) {
  const [field = "id", direction = "asc"] = (q.sort ?? "id:asc").split(":");
  const key = SORTS[field];
  if (!key || (direction !== "asc" && direction !== "desc")) throw invalid("sort");
  const sign = direction === "asc" ? 1 : -1;
  return (a: BcOrder, b: BcOrder) => (key(a) - key(b) || a.id - b.id) * sign;
}

/** `/v2/orders` and its sub-resources: products, shipping addresses, shipments (read and create). */
export function registerOrderRoutes(app: FastifyInstance, ctx: BcContext): void {
  const { store } = ctx;
  const apiBase = () => `${ctx.baseUrl}/stores/${ctx.storeHash}`;
  const order = (call: { id(): number }) => orderById(store, call.id());

  app.get(`${V2}/orders/count`, async () => {
    const orders = [...store.orders.values()];
    return {
      statuses: Object.entries(STATUS_NAMES).map(([id, name]) => ({
        id: Number(id),
        name,
        count: orders.filter((o) => o.status === Number(id)).length,
      })),
      count: orders.length,
    };
  });

  serveResource<BcOrder>(app, {
    path: `${V2}/orders`,
    // Above 250 the page is cut to 250 without an error (a guess: the docs give no answer).
    paging: plainPaging({ limits: ORDER_LIMITS, invalid, emptyStatus: 204 }),
    list: () => store.orders.values(),
    filters: {
      min_date_created: dateBound("min", (o) => o.createdMs, invalid),
      max_date_created: dateBound("max", (o) => o.createdMs, invalid),
      min_date_modified: dateBound("min", (o) => o.modifiedMs, invalid),
      max_date_modified: dateBound("max", (o) => o.modifiedMs, invalid),
      min_id: (value) => (o) => o.id >= Number(value),
      status_id: equals((o) => o.status),
      customer_id: (value) => (o) => o.customerId === Number(value),
    },
    sort: orderSort,
    render: (o) => orderJson(apiBase(), o),
    find: order,
    update(o, call) {
      const statusId = call.body.status_id;
      if (statusId === undefined) return;
      if (typeof statusId !== "number" || STATUS_NAMES[statusId] === undefined) throw invalid("status_id");
      setOrderStatus(store, o, statusId);
    },
  });

  serveResource<StoreOrderLine>(app, {
    path: `${V2}/orders/:id/products`,
    itemParam: "lineId",
    paging: empty204,
    list: (call) => order(call).lines,
    render: (l, call) => orderProductJson(order(call), l),
  });

  app.get(`${V2}/orders/:id/shipping_addresses`, async (request, reply) => {
    const o = orderById(store, Number((request.params as { id: string }).id) || 0);
    return empty204.send(request, reply, o.address ? [o] : [], shippingAddressJson);
  });

  serveResource<StoreShipment>(app, {
    path: `${V2}/orders/:id/shipments`,
    itemParam: "shipmentId",
    paging: empty204,
    list: (call) => order(call).shipments,
    render: (s, call) => shipmentJson(order(call), s),
    create: (call) => createShipment(store, order(call), call.body),
  });

  app.get(`${V2}/store`, async () => ({
    id: ctx.storeHash,
    domain: "127.0.0.1",
    secure_url: ctx.baseUrl,
    name: "Stockwire BigCommerce sandbox",
    currency: "USD",
    timezone: { name: "Etc/UTC", raw_offset: 0, dst_offset: 0 },
    plan_name: "Standard",
  }));
}
