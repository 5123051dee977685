import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../../context.ts";
import { principalOf } from "../../http/auth.ts";
import { noContent, problems } from "../../http/openapi.ts";
import { cursorShapes, decodeCursor, encodeCursor, pageQuery } from "../../http/pagination.ts";
import { adjustmentReasons, adjustStock, transferStock } from "./adjustments.ts";
import {
  adjustStockResponse,
  createWarehouseResponse,
  getWarehouseResponse,
  listStockMovementsResponse,
  listWarehousesResponse,
  transferStockResponse,
  updateWarehouseResponse,
} from "./response-schemas.ts";
import { registerProductStockRoutes } from "./routes-products.ts";
import { movementReasons } from "./schema.ts";
import { listMovements } from "./stock.ts";
import {
  createWarehouse,
  deleteWarehouse,
  getWarehouse,
  listWarehouses,
  updateWarehouse,
} from "./warehouses.ts";

const warehouseView = (w: Awaited<ReturnType<typeof getWarehouse>>) => ({
  id: w.id,
  name: w.name,
  isDefault: w.isDefault,
  countsForAvailability: w.countsForAvailability,
  createdAt: w.createdAt.toISOString(),
});
const idParams = z.object({ id: z.uuid() });
const idempotencyKey = z.string().trim().min(1).max(200);

export function registerInventoryRoutes(root: FastifyInstance, ctx: AppContext): void {
  registerProductStockRoutes(root, ctx);
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get(
    "/warehouses",
    {
      schema: {
        operationId: "listWarehouses",
        tags: ["inventory"],
        summary: "Warehouses of the account",
        response: { 200: listWarehousesResponse },
      },
    },
    async (request) => ({
      items: (await listWarehouses(ctx.db, principalOf(request).accountId)).map(warehouseView),
    }),
  );

  app.post(
    "/warehouses",
    {
      config: { minRole: "admin" },
      schema: {
        operationId: "createWarehouse",
        tags: ["inventory"],
        summary: "Add a warehouse",
        body: z.strictObject({
          name: z.string().trim().min(1).max(200),
          countsForAvailability: z.boolean().optional(),
        }),
        response: { 201: createWarehouseResponse, ...problems({ 409: ["warehouse_name_taken"] }) },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(warehouseView(await createWarehouse(ctx.db, principalOf(request).accountId, request.body))),
  );

  app.get(
    "/warehouses/:id",
    {
      schema: {
        operationId: "getWarehouse",
        tags: ["inventory"],
        summary: "One warehouse",
        params: idParams,
        response: { 200: getWarehouseResponse, ...problems({ 404: ["warehouse_not_found"] }) },
      },
    },
    async (request) =>
      warehouseView(await getWarehouse(ctx.db, principalOf(request).accountId, request.params.id)),
  );

  app.patch(
    "/warehouses/:id",
    {
      config: { minRole: "admin" },
      schema: {
        operationId: "updateWarehouse",
        tags: ["inventory"],
        summary:
          "Rename a warehouse, make it the default, or set whether it counts toward channel availability",
        params: idParams,
        body: z.strictObject({
          name: z.string().trim().min(1).max(200).optional(),
          countsForAvailability: z.boolean().optional(),
          isDefault: z.boolean().optional(),
        }),
        response: {
          200: updateWarehouseResponse,
          ...problems({
            404: ["warehouse_not_found"],
            409: ["warehouse_name_taken"],
            422: ["default_required"],
          }),
        },
      },
    },
    async (request) =>
      warehouseView(
        await updateWarehouse(ctx.db, principalOf(request).accountId, request.params.id, request.body),
      ),
  );

  app.delete(
    "/warehouses/:id",
    {
      config: { minRole: "admin" },
      schema: {
        operationId: "deleteWarehouse",
        tags: ["inventory"],
        summary: "Delete an empty, non-default warehouse",
        params: idParams,
        response: {
          204: noContent,
          ...problems({
            404: ["warehouse_not_found"],
            422: ["default_warehouse", "warehouse_has_stock", "warehouse_in_use"],
          }),
        },
      },
    },
    async (request, reply) => {
      await deleteWarehouse(ctx.db, principalOf(request).accountId, request.params.id);
      return reply.code(204).send();
    },
  );

  app.post(
    "/stock/adjustments",
    {
      schema: {
        operationId: "adjustStock",
        tags: ["inventory"],
        summary: "Change stock by a delta or set a counted quantity (idempotent by key)",
        description:
          "201 when recorded; 200 with the first result when the same key and payload come again; 409 when the key was used for a different change.",
        body: z.strictObject({
          sku: z.string().min(1).max(255),
          delta: z.number().int().optional(),
          set: z.number().int().optional(),
          reason: z.enum(adjustmentReasons).optional(),
          warehouseId: z.uuid().optional(),
          idempotencyKey,
          note: z.string().max(1000).optional(),
        }),
        response: {
          200: adjustStockResponse,
          201: adjustStockResponse,
          ...problems({
            400: ["delta_or_set_required", "set_negative", "delta_zero"],
            404: ["product_not_found", "warehouse_not_found"],
            422: ["reservation_underflow"],
          }),
        },
      },
    },
    async (request, reply) => {
      const p = principalOf(request);
      const result = await adjustStock(ctx.db, p.accountId, request.body, p.user.email);
      return reply.code(result.replayed ? 200 : 201).send(result);
    },
  );

  app.post(
    "/stock/transfers",
    {
      schema: {
        operationId: "transferStock",
        tags: ["inventory"],
        summary: "Move units between warehouses (idempotent by key)",
        body: z.strictObject({
          sku: z.string().min(1).max(255),
          fromWarehouseId: z.uuid(),
          toWarehouseId: z.uuid(),
          quantity: z.number().int().min(1),
          idempotencyKey,
          note: z.string().max(1000).optional(),
        }),
        response: {
          200: transferStockResponse,
          201: transferStockResponse,
          ...problems({
            400: ["transfer_same_warehouse"],
            404: ["product_not_found", "warehouse_not_found"],
            422: ["reservation_underflow"],
          }),
        },
      },
    },
    async (request, reply) => {
      const p = principalOf(request);
      const result = await transferStock(ctx.db, p.accountId, request.body, p.user.email);
      return reply.code(result.replayed ? 200 : 201).send(result);
    },
  );

  app.get(
    "/stock/movements",
    {
      schema: {
        operationId: "listStockMovements",
        tags: ["inventory"],
        summary: "The stock ledger, newest first",
        querystring: pageQuery.extend({
          sku: z.string().max(255).optional(),
          warehouseId: z.uuid().optional(),
          reason: z.enum(movementReasons).optional(),
          from: z.coerce.date().optional(),
          to: z.coerce.date().optional(),
        }),
        response: { 200: listStockMovementsResponse, ...problems({ 400: ["invalid_cursor"] }) },
      },
    },
    async (request) => {
      const { accountId } = principalOf(request);
      const { limit, cursor, ...filter } = request.query;
      if (filter.warehouseId) await getWarehouse(ctx.db, accountId, filter.warehouseId);
      const after = decodeCursor(cursor, cursorShapes.serial);
      const rows = await listMovements(ctx.db, accountId, {
        ...filter,
        limit: limit + 1,
        ...(after ? { beforeId: after.v } : {}),
      });
      const items = rows.slice(0, limit);
      const last = items.at(-1);
      return {
        items,
        nextCursor: rows.length > limit && last ? encodeCursor({ v: last.id, id: String(last.id) }) : null,
      };
    },
  );
}
