import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../../context.ts";
import { principalOf } from "../../http/auth.ts";
import { problems } from "../../http/openapi.ts";
import { cursorShapes, decodeCursor, pageOf, pageQuery } from "../../http/pagination.ts";
import { listEvents } from "./events.ts";
import { listEventsResponse } from "./response-schemas.ts";

export function registerEventRoutes(root: FastifyInstance, ctx: AppContext): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  app.get(
    "/events",
    {
      schema: {
        operationId: "listEvents",
        tags: ["events"],
        summary: "Domain events of the account, newest first (an audit trail of every change)",
        querystring: pageQuery.extend({
          type: z.string().max(100).optional(),
          subject: z.string().max(255).optional(),
        }),
        response: { 200: listEventsResponse, ...problems({ 400: ["invalid_cursor"] }) },
      },
    },
    async (request) => {
      const { accountId } = principalOf(request);
      const { limit, cursor, type, subject } = request.query;
      const after = decodeCursor(cursor, cursorShapes.serial);
      const rows = await listEvents(ctx.db, accountId, {
        limit,
        ...(type ? { types: type.split(",") } : {}),
        ...(subject ? { subject } : {}),
        ...(after ? { afterId: after.v } : {}),
      });
      const items = rows.map((e) => ({
        id: e.id,
        type: e.type,
        subject: e.subject,
        payload: e.payload,
        createdAt: e.createdAt.toISOString(),
      }));
      return pageOf(items, limit, (e) => ({ v: e.id, id: String(e.id) }));
    },
  );
}
