import type { FastifyInstance, FastifyRequest } from "fastify";
import { z } from "zod";
import { idParam, type Query, lastValueQuery as query } from "../kit/query.ts";
import { recordShipment, setOrderStatus } from "../kit/store/order-ops.ts";
import { isHttpUrl } from "../kit/store/subscription-routes.ts";
import { badRequest, notFound, SsError } from "./errors.ts";
import { fromPacific } from "./pacific.ts";
import { orderJson, shipmentJson, storeJson, webhookJson } from "./shapes.ts";
import type { SsOrder, SsState } from "./store.ts";
import { SS_STATUSES } from "./store.ts";

export const MAX_PAGE_SIZE = 500;
export const WEBHOOK_EVENTS = [
  "ORDER_NOTIFY",
  "ITEM_ORDER_NOTIFY",
  "SHIP_NOTIFY",
  "ITEM_SHIP_NOTIFY",
  "FULFILLMENT_SHIPPED",
  "FULFILLMENT_REJECTED",
] as const;

/** `page` (1-based) and `pageSize` (default 100, at most 500): `{<name>, total, page, pages}`. */
function paged<T>(q: Query, items: readonly T[], name: string, render: (item: T) => unknown) {
  const page = Number(q.page ?? 1);
  const pageSize = Number(q.pageSize ?? 100);
  if (!Number.isInteger(page) || page < 1) throw badRequest("page must be a positive whole number");
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE)
    throw badRequest(`pageSize must be between 1 and ${MAX_PAGE_SIZE}`);
  const slice = items.slice((page - 1) * pageSize, page * pageSize);
  return {
    [name]: slice.map(render),
    total: items.length,
    page,
    pages: Math.ceil(items.length / pageSize),
  };
}

/** A date filter read as Pacific time; unreadable → 400 as ShipStation's model binder answers. */
function dateFilter(q: Query, name: string): number | null {
  const value = q[name];
  if (value === undefined || value === "") return null;
  const ms = fromPacific(value);
  if (Number.isNaN(ms)) throw badRequest(`The value '${value}' is not valid for ${name}.`);
  return ms;
}

function inRange(ms: number | null, start: number | null, end: number | null): boolean {
  if (start === null && end === null) return true;
  if (ms === null) return false;
  return (start === null || ms >= start) && (end === null || ms <= end);
}

const SORT_KEYS: Record<string, (o: SsOrder) => number> = {
  OrderDate: (o) => o.createdMs,
  CreateDate: (o) => o.createdMs,
  ModifyDate: (o) => o.modifiedMs,
};

function orderList(state: SsState, request: FastifyRequest) {
  const q = query(request);
  const modified = [dateFilter(q, "modifyDateStart"), dateFilter(q, "modifyDateEnd")] as const;
  const created = [dateFilter(q, "createDateStart"), dateFilter(q, "createDateEnd")] as const;
  const placed = [dateFilter(q, "orderDateStart"), dateFilter(q, "orderDateEnd")] as const;
  const storeId = q.storeId ? Number(q.storeId) : null;
  if (q.orderStatus && !SS_STATUSES.includes(q.orderStatus as never))
    throw badRequest(`'${q.orderStatus}' is not a valid orderStatus.`);
  const sortKey = SORT_KEYS[q.sortBy ?? "OrderDate"];
  if (!sortKey) throw badRequest(`'${q.sortBy}' is not a valid sortBy.`);
  const direction = (q.sortDir ?? "ASC").toUpperCase() === "DESC" ? -1 : 1;
  const orders = [...state.store.orders.values()]
    .filter(
      (o) =>
        inRange(o.modifiedMs, ...modified) &&
        inRange(o.createdMs, ...created) &&
        inRange(o.createdMs, ...placed) &&
        (!q.orderStatus || o.status === q.orderStatus) &&
        (storeId === null || state.storeOf.get(o.id) === storeId) &&
        (!q.orderNumber || orderJson(state, o).orderNumber.startsWith(q.orderNumber)) &&
        (!q.importBatch || state.batches.orders.get(o.id) === q.importBatch),
    )
    .sort((a, b) => direction * (sortKey(a) - sortKey(b)) || a.id - b.id);
  return paged(q, orders, "orders", (o) => orderJson(state, o));
}

function shipmentList(state: SsState, request: FastifyRequest) {
  const q = query(request);
  const shipDates = [dateFilter(q, "shipDateStart"), dateFilter(q, "shipDateEnd")] as const;
  const created = [dateFilter(q, "createDateStart"), dateFilter(q, "createDateEnd")] as const;
  const withItems = (q.includeShipmentItems ?? "false").toLowerCase() === "true";
  const rows = [...state.store.orders.values()]
    .flatMap((order) => order.shipments.map((shipment) => ({ order, shipment })))
    .filter(
      ({ order, shipment }) =>
        inRange(fromPacific(shipment.shippedOn), ...shipDates) &&
        inRange(shipment.createdMs, ...created) &&
        (!q.orderId || String(order.id) === q.orderId) &&
        (!q.storeId || String(state.storeOf.get(order.id)) === q.storeId) &&
        (!q.trackingNumber || shipment.trackingNumber === q.trackingNumber) &&
        (!q.batchId || state.batches.shipments.get(shipment.id) === q.batchId),
    )
    .sort((a, b) => a.shipment.createdMs - b.shipment.createdMs || a.shipment.id - b.shipment.id);
  return paged(q, rows, "shipments", ({ order, shipment }) =>
    shipmentJson(state, order, shipment, withItems),
  );
}

const markShipped = z.object({
  orderId: z.number().int(),
  carrierCode: z.string().min(1),
  shipDate: z.string().optional(),
  trackingNumber: z.string().optional(),
  notifyCustomer: z.boolean().optional(),
  notifySalesChannel: z.boolean().optional(),
});

const subscribe = z.object({
  target_url: z.string(),
  event: z.string(),
  store_id: z.number().int().nullish(),
  friendly_name: z.string().nullish(),
});

function parsed<T>(schema: z.ZodType<T>, body: unknown): T {
  const result = schema.safeParse(body);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw badRequest(`${issue?.path.join(".") || "body"}: ${issue?.message ?? "invalid"}`);
  }
  return result.data;
}

/** Marks an order shipped with what is still open on it; no label, so no SHIP_NOTIFY (GUESS). */
export function markOrderShipped(
  state: SsState,
  order: SsOrder,
  input: { carrierCode: string; trackingNumber?: string | undefined; shipDate?: string | undefined },
  ref = "markasshipped",
) {
  if (order.status === "cancelled") throw badRequest(`Order ${order.id} is cancelled and cannot be shipped.`);
  const open = order.lines.filter((l) => l.shipped < l.quantity);
  const shipment = recordShipment(state.store, order, {
    ref,
    trackingNumber: input.trackingNumber ?? "",
    provider: input.carrierCode,
    customProvider: "",
    carrier: input.carrierCode,
    link: "",
    comments: "",
    shippedOn: input.shipDate?.slice(0, 10) ?? new Date(state.store.nowMs()).toISOString().slice(0, 10),
    items: open.map((l) => ({ lineId: l.id, quantity: l.quantity - l.shipped })),
  });
  if (order.status !== "shipped") setOrderStatus(state.store, order, "shipped");
  return shipment;
}

/** The v1 resources the hub uses: stores, orders, shipments, markasshipped, webhooks. */
export function registerShipStationRoutes(app: FastifyInstance, state: SsState): void {
  const { store } = state;
  const orderOf = (id: number) => {
    const order = store.orders.get(id);
    if (!order) throw notFound("Order");
    return order;
  };

  // Every sandbox sub-store is active, so `showInactive` changes nothing here.
  app.get("/stores", async () => state.subStores.map((s) => storeJson(s, store.nowMs())));
  app.get("/stores/:id", async (request) => {
    const found = state.subStores.find((s) => s.storeId === idParam(request));
    if (!found) throw notFound("Store");
    return storeJson(found, store.nowMs());
  });

  app.get("/orders", async (request) => orderList(state, request));
  app.get("/orders/:id", async (request) => orderJson(state, orderOf(idParam(request))));
  app.post("/orders/markasshipped", async (request) => {
    const input = parsed(markShipped, request.body);
    const order = store.orders.get(input.orderId);
    if (!order) throw badRequest(`Order ${input.orderId} was not found.`);
    markOrderShipped(state, order, input);
    return { orderId: order.id, orderNumber: orderJson(state, order).orderNumber };
  });

  app.get("/shipments", async (request) => shipmentList(state, request));

  app.get("/webhooks", async () => ({
    webhooks: [...store.subscriptions.values()].map((h) =>
      webhookJson(h, state.hookStores.get(h.id) ?? null),
    ),
  }));
  app.post("/webhooks/subscribe", async (request, reply) => {
    const input = parsed(subscribe, request.body);
    if (!isHttpUrl(input.target_url)) throw badRequest("target_url must be an http(s) URL.");
    if (!WEBHOOK_EVENTS.includes(input.event as never))
      throw badRequest(`'${input.event}' is not a valid webhook event.`);
    if (input.store_id != null && !state.subStores.some((s) => s.storeId === input.store_id))
      throw badRequest(`Store ${input.store_id} was not found.`);
    const id = store.nextId("subscription");
    const now = store.nowMs();
    store.subscriptions.set(id, {
      id,
      name: input.friendly_name ?? input.event,
      topic: input.event,
      url: input.target_url,
      secret: "",
      status: "active",
      headers: {},
      failureCount: 0,
      createdMs: now,
      modifiedMs: now,
    });
    if (input.store_id != null) state.hookStores.set(id, input.store_id);
    return reply.code(201).send({ id });
  });
  app.delete("/webhooks/:id", async (request, reply) => {
    const id = idParam(request);
    if (!store.subscriptions.delete(id)) throw new SsError(404, "Webhook not found");
    state.hookStores.delete(id);
    return reply.code(200).send();
  });
}
