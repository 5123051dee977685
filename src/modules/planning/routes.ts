import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../../context.ts";
import { principalOf } from "../../http/auth.ts";
import { problems } from "../../http/openapi.ts";
import { cursorShapes, decodeCursor, pageOf, pageQuery } from "../../http/pagination.ts";
import { getConnection } from "../connections/index.ts";
import { plannerReport } from "./report.ts";
import {
  getPlanningReportResponse,
  getPlanningSettingsResponse,
  updatePlanningSettingsResponse,
} from "./response-schemas.ts";
import { planSettingsFor, savePlanSettings } from "./settings.ts";

const round = (n: number | null, digits: number) =>
  n === null ? null : Math.round(n * 10 ** digits) / 10 ** digits;
const scopeQuery = z.object({ connectionId: z.uuid().optional() });
const settingsBody = z.strictObject({
  connectionId: z.uuid().nullable().optional(),
  reportDays: z.number().int().min(1).max(730),
  overstockDays: z.number().int().min(-3650).max(3650),
  understockDays: z.number().int().min(-3650).max(3650),
});

export function registerPlanningRoutes(root: FastifyInstance, ctx: AppContext): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ["planning"];

  app.get(
    "/planning/report",
    {
      schema: {
        operationId: "getPlanningReport",
        tags,
        summary:
          "Inventory planner per SKU: units sold, average daily sales, days of supply, lead time, status",
        querystring: pageQuery.extend({
          ...scopeQuery.shape,
          days: z.coerce.number().int().min(1).max(730).optional(),
          sku: z.string().min(1).max(255).optional(),
        }),
        response: { 200: getPlanningReportResponse, ...problems({ 400: ["invalid_cursor"] }) },
      },
    },
    async (request) => {
      const { accountId } = principalOf(request);
      const { limit, cursor, connectionId, days, sku } = request.query;
      if (connectionId) await getConnection(ctx.db, accountId, connectionId);
      const saved = await planSettingsFor(ctx.db, accountId, connectionId ?? null);
      const settings = days ? { ...saved, reportDays: days } : saved;
      const after = decodeCursor(cursor, cursorShapes.skuAndUuid);
      const rows = await plannerReport(ctx.db, accountId, {
        settings,
        connectionId: connectionId ?? null,
        now: new Date(),
        afterSku: after?.v,
        sku,
        limit,
      });
      const page = pageOf(rows, limit, (r) => ({ v: r.sku, id: r.productId }));
      return {
        settings,
        items: page.items.map((r) => ({
          ...r,
          averageDailySales: round(r.averageDailySales, 4),
          daysOfSupply: round(r.daysOfSupply, 1),
          difference: round(r.difference, 1),
        })),
        nextCursor: page.nextCursor,
      };
    },
  );

  app.get(
    "/planning/settings",
    {
      schema: {
        operationId: "getPlanningSettings",
        tags,
        summary: "Report window and over/understock days (a connection's, or the account default)",
        querystring: scopeQuery,
        response: { 200: getPlanningSettingsResponse },
      },
    },
    async (request) => {
      const { accountId } = principalOf(request);
      const { connectionId } = request.query;
      if (connectionId) await getConnection(ctx.db, accountId, connectionId);
      return {
        connectionId: connectionId ?? null,
        ...(await planSettingsFor(ctx.db, accountId, connectionId ?? null)),
      };
    },
  );

  app.put(
    "/planning/settings",
    {
      config: { minRole: "admin" },
      schema: {
        operationId: "updatePlanningSettings",
        tags,
        summary: "Save planner settings for a connection or the account",
        body: settingsBody,
        response: {
          200: updatePlanningSettingsResponse,
          ...problems({ 400: ["understock_above_overstock"], 404: ["connection_not_found"] }),
        },
      },
    },
    async (request) => {
      const { accountId } = principalOf(request);
      const { connectionId, ...s } = request.body;
      if (connectionId) await getConnection(ctx.db, accountId, connectionId);
      return {
        connectionId: connectionId ?? null,
        ...(await savePlanSettings(ctx.db, accountId, connectionId ?? null, s)),
      };
    },
  );
}
