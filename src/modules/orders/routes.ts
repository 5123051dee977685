import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../../context.ts";
import { principalOf } from "../../http/auth.ts";
import { problems } from "../../http/openapi.ts";
import { cursorShapes, decodeCursor, pageOf, pageQuery } from "../../http/pagination.ts";
import { getConnection } from "../connections/index.ts";
import { importOrder } from "./import.ts";
import { orderInput } from "./order-input.ts";
import { getOrderDetail, listOrders } from "./queries.ts";
import { recordRefund } from "./refunds.ts";
import {
  createRefundResponse,
  createShipmentResponse,
  getOrderResponse,
  getOrderUsageResponse,
  getSalesReportResponse,
  importOrderResponse,
  listOrdersResponse,
  setOrderStatusResponse,
} from "./response-schemas.ts";
import { salesByDay } from "./sales-report.ts";
import { orderStatuses } from "./schema.ts";
import { createShipment } from "./shipments.ts";
import { orderUsage } from "./usage.ts";
import { changeOrderStatus } from "./workflow.ts";

const idParams = z.object({ id: z.uuid() });

export function registerOrderRoutes(root: FastifyInstance, ctx: AppContext): void {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get(
    "/orders",
    {
      schema: {
        operationId: "listOrders",
        tags: ["orders"],
        summary: "Orders, newest first, with filters",
        querystring: pageQuery.extend({
          connectionId: z.uuid().optional(),
          status: z.enum(orderStatuses).optional(),
          from: z.coerce.date().optional(),
          to: z.coerce.date().optional(),
          customer: z.string().max(300).optional(),
          state: z.string().max(100).optional(),
          q: z.string().max(200).optional(),
        }),
        response: { 200: listOrdersResponse, ...problems({ 400: ["invalid_cursor"] }) },
      },
    },
    async (request) => {
      const { accountId } = principalOf(request);
      const { limit, cursor, ...filter } = request.query;
      if (filter.connectionId) await getConnection(ctx.db, accountId, filter.connectionId);
      const after = decodeCursor(cursor, cursorShapes.instantAndUuid);
      const rows = await listOrders(ctx.db, accountId, { ...filter, limit, ...(after ? { after } : {}) });
      return pageOf(rows, limit, (o) => ({ v: o.placedAt, id: o.id }));
    },
  );

  app.get(
    "/reports/sales",
    {
      schema: {
        operationId: "getSalesReport",
        tags: ["orders"],
        summary: "Sales per day and channel over the last `days` days, cancelled orders excluded",
        description:
          "Days are calendar days in the account's time zone, today included. One item per day, connection and currency that had orders.",
        querystring: z.object({ days: z.coerce.number().int().min(1).max(366).default(30) }),
        response: {
          200: getSalesReportResponse,
          ...problems({ 400: ["range_missing", "date_invalid", "range_reversed", "range_too_long"] }),
        },
      },
    },
    async (request) => salesByDay(ctx.db, principalOf(request).accountId, request.query.days),
  );

  app.get(
    "/usage",
    {
      schema: {
        operationId: "getOrderUsage",
        tags: ["orders"],
        summary: "Orders downloaded this year against the account's allotment, month by month",
        description:
          "The year is the calendar year in the account's time zone; each order counts once, in the month the hub first stored it. With no allotment set the account is unlimited (allotment and percent null). When `reached` is true order import is paused (stock keeps syncing) until the operator raises the allotment or the year turns.",
        response: { 200: getOrderUsageResponse },
      },
    },
    async (request) => orderUsage(ctx.db, principalOf(request).accountId),
  );

  app.post(
    "/orders",
    {
      schema: {
        operationId: "importOrder",
        tags: ["orders"],
        summary: "Import an order (from a script or a channel without a connector)",
        description:
          "Creates the order and reserves its lines, or — for an order already imported — updates statuses only. 201 when created, 200 otherwise; `outcome` says which.",
        body: orderInput,
        response: {
          200: importOrderResponse,
          201: importOrderResponse,
          ...problems({ 404: ["connection_not_found"], 422: ["unknown_sku"] }),
        },
      },
    },
    async (request, reply) => {
      const { accountId } = principalOf(request);
      // Channel imports pass their own connection; an API caller's must be one of its account's.
      if (request.body.connectionId) await getConnection(ctx.db, accountId, request.body.connectionId);
      const result = await importOrder(ctx.db, accountId, request.body);
      return reply.code(result.outcome === "created" ? 201 : 200).send(result);
    },
  );

  app.get(
    "/orders/:id",
    {
      schema: {
        operationId: "getOrder",
        tags: ["orders"],
        summary: "An order with lines, refunds and shipments",
        params: idParams,
        response: { 200: getOrderResponse, ...problems({ 404: ["order_not_found"] }) },
      },
    },
    async (request) => getOrderDetail(ctx.db, principalOf(request).accountId, request.params.id),
  );

  app.post(
    "/orders/:id/status",
    {
      schema: {
        operationId: "setOrderStatus",
        tags: ["orders"],
        summary: "Move an order along its workflow (processing, cancelled, completed…)",
        params: idParams,
        body: z.strictObject({ status: z.enum(orderStatuses) }),
        response: {
          200: setOrderStatusResponse,
          ...problems({ 404: ["order_not_found"], 422: ["invalid_transition"] }),
        },
      },
    },
    async (request) => {
      const p = principalOf(request);
      return changeOrderStatus(ctx.db, p.accountId, request.params.id, request.body.status, p.user.email);
    },
  );

  app.post(
    "/orders/:id/shipments",
    {
      schema: {
        operationId: "createShipment",
        tags: ["orders"],
        summary: "Record a shipment (all open lines unless lines are given)",
        params: idParams,
        body: z.strictObject({
          carrier: z.string().max(100).optional(),
          trackingNumber: z.string().max(200).optional(),
          trackingUrl: z.url().optional(),
          shippedAt: z.coerce.date().optional(),
          platformShipmentId: z.string().max(255).optional(),
          lines: z
            .array(z.strictObject({ sku: z.string().min(1), quantity: z.number().int().min(1) }))
            .min(1)
            .optional(),
        }),
        response: {
          200: createShipmentResponse,
          201: createShipmentResponse,
          ...problems({
            400: ["shipment_quantity_exceeds_open"],
            404: ["order_not_found"],
            422: ["order_cancelled", "nothing_to_ship"],
          }),
        },
      },
    },
    async (request, reply) => {
      const result = await createShipment(
        ctx.db,
        principalOf(request).accountId,
        request.params.id,
        request.body,
      );
      return reply.code(result.replayed ? 200 : 201).send(result);
    },
  );

  app.post(
    "/orders/:id/refunds",
    {
      schema: {
        operationId: "createRefund",
        tags: ["orders"],
        summary: "Record a refund (lines, amounts, restock or not)",
        params: idParams,
        body: z.strictObject({
          platformRefundId: z.string().max(255).optional(),
          currency: z.string().length(3),
          amountMinor: z.number().int().min(0).optional(),
          reason: z.string().max(500).optional(),
          refundedAt: z.coerce.date().optional(),
          lines: z
            .array(
              z.strictObject({
                sku: z.string().min(1),
                quantity: z.number().int().min(1),
                restock: z.boolean(),
                amountMinor: z.number().int().min(0).optional(),
              }),
            )
            .default([]),
        }),
        response: {
          200: createRefundResponse,
          201: createRefundResponse,
          ...problems({
            400: [
              "refund_empty",
              "refund_sku_repeated",
              "refund_sku_not_in_order",
              "refund_quantity_exceeds_remaining",
              "currency_mismatch",
            ],
            404: ["order_not_found"],
          }),
        },
      },
    },
    async (request, reply) => {
      const result = await recordRefund(
        ctx.db,
        principalOf(request).accountId,
        request.params.id,
        request.body,
      );
      return reply.code(result.replayed ? 200 : 201).send(result);
    },
  );
}
