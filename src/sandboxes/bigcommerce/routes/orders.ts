import type { FastifyInstance, FastifyReply } from "fastify";
import { setOrderStatus } from "../../kit/store/order-ops.ts";
import { BcV2Error } from "../errors.ts";
import { createShipment, orderById } from "../order-ops.ts";
import { orderJson, orderProductJson, STATUS_NAMES, shipmentJson, shippingAddressJson } from "../shapes.ts";
import type { BcOrder } from "../store.ts";
import { type BcContext, idParam, type Query, query, V2 } from "./common.ts";

/** V2 order lists: default 50 ("requests sent without parameters will only return 50 orders"), at most 250. */
export const ORDER_LIMITS = { defaultPerPage: 50, maxPerPage: 250 } as const;

/** V2 answers an empty collection with 204 and no body. */
function sendList(reply: FastifyReply, items: readonly unknown[]) {
  return items.length === 0 ? reply.code(204).send() : reply.send(items);
}

function v2Date(q: Query, name: string): number | null {
  const value = q[name];
  if (value === undefined || value === "") return null;
  const ms = /^\d+$/.test(value) ? Number(value) * 1000 : Date.parse(value);
  if (Number.isNaN(ms)) throw new BcV2Error(400, `The field '${name}' is invalid.`);
  return ms;
}

function positiveInt(q: Query, name: string, fallback: number): number {
  const value = q[name];
  if (value === undefined || value === "") return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new BcV2Error(400, `The field '${name}' is invalid.`);
  return n;
}

const SORTS: Record<string, (o: BcOrder) => number> = {
  id: (o) => o.id,
  date_created: (o) => o.createdMs,
  date_modified: (o) => o.modifiedMs,
  status_id: (o) => o.status,
};

/** Filters and sorts `GET /v2/orders` as documented: by id ascending unless `sort=field:asc|desc`. */
function listOrders(orders: Iterable<BcOrder>, q: Query): BcOrder[] {
  const bounds = {
    minCreated: v2Date(q, "min_date_created"),
    maxCreated: v2Date(q, "max_date_created"),
    minModified: v2Date(q, "min_date_modified"),
    maxModified: v2Date(q, "max_date_modified"),
  };
  const minId = q.min_id === undefined ? null : Number(q.min_id);
  const statusId = q.status_id === undefined ? null : Number(q.status_id);
  const [field = "id", direction = "asc"] = (q.sort ?? "id:asc").split(":");
  const key = SORTS[field];
  if (!key || (direction !== "asc" && direction !== "desc"))
    throw new BcV2Error(400, "The field 'sort' is invalid.");
  const sign = direction === "asc" ? 1 : -1;
  return [...orders]
    .filter(
      (o) =>
        (bounds.minCreated === null || o.createdMs >= bounds.minCreated) &&
        (bounds.maxCreated === null || o.createdMs <= bounds.maxCreated) &&
        (bounds.minModified === null || o.modifiedMs >= bounds.minModified) &&
        (bounds.maxModified === null || o.modifiedMs <= bounds.maxModified) &&
        (minId === null || o.id >= minId) &&
        (statusId === null || o.status === statusId) &&
        (q.customer_id === undefined || o.customerId === Number(q.customer_id)),
    )
    .sort((a, b) => (key(a) - key(b) || a.id - b.id) * sign);
}

/** `/v2/orders` and its sub-resources: products, shipping addresses, shipments (read and create). */
export function registerOrderRoutes(app: FastifyInstance, ctx: BcContext): void {
  const { store } = ctx;
  const apiBase = () => `${ctx.baseUrl}/stores/${ctx.storeHash}`;

  app.get(`${V2}/orders`, async (request, reply) => {
    const q = query(request);
    // Above 250 the page is cut to 250 without an error (a guess: the docs give no answer).
    const limit = Math.min(positiveInt(q, "limit", ORDER_LIMITS.defaultPerPage), ORDER_LIMITS.maxPerPage);
    const page = positiveInt(q, "page", 1);
    const slice = listOrders(store.orders.values(), q).slice((page - 1) * limit, page * limit);
    return sendList(
      reply,
      slice.map((o) => orderJson(apiBase(), o)),
    );
  });

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

  app.get(`${V2}/orders/:id`, async (request) => orderJson(apiBase(), orderById(store, idParam(request))));

  app.put(`${V2}/orders/:id`, async (request) => {
    const order = orderById(store, idParam(request));
    const statusId = (request.body as { status_id?: unknown } | null)?.status_id;
    if (statusId !== undefined) {
      if (typeof statusId !== "number" || STATUS_NAMES[statusId] === undefined)
        throw new BcV2Error(400, "The field 'status_id' is invalid.");
      setOrderStatus(store, order, statusId);
    }
    return orderJson(apiBase(), order);
  });

  app.get(`${V2}/orders/:id/products`, async (request, reply) => {
    const order = orderById(store, idParam(request));
    return sendList(
      reply,
      order.lines.map((l) => orderProductJson(order, l)),
    );
  });

  app.get(`${V2}/orders/:id/shipping_addresses`, async (request, reply) => {
    const order = orderById(store, idParam(request));
    return sendList(reply, order.address ? [shippingAddressJson(order)] : []);
  });

  app.get(`${V2}/orders/:id/shipments`, async (request, reply) => {
    const order = orderById(store, idParam(request));
    return sendList(
      reply,
      order.shipments.map((s) => shipmentJson(order, s)),
    );
  });

  app.post(`${V2}/orders/:id/shipments`, async (request, reply) => {
    const order = orderById(store, idParam(request));
    const shipment = createShipment(store, order, (request.body ?? {}) as Record<string, unknown>);
    return reply.code(201).send(shipmentJson(order, shipment));
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
