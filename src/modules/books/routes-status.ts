import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../../context.ts";
import { principalOf } from "../../http/auth.ts";
import { problems } from "../../http/openapi.ts";
import { invalid } from "../../lib/errors.ts";
import { getConnection } from "../connections/index.ts";
import { orderPostings } from "./order-postings.ts";
import { presetRange, syncPresets } from "./periods.ts";
import { getBooksSyncProgressResponse, listOrderPostingsResponse } from "./response-schemas.ts";
import { syncProgress } from "./sync-progress.ts";

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "YYYY-MM-DD");

/** Read-only views of where sales stand in the books: range progress and one order's postings. */
export function registerBooksStatusRoutes(root: FastifyInstance, ctx: AppContext): void {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get(
    "/books/sync/progress",
    {
      schema: {
        operationId: "getBooksSyncProgress",
        tags: ["books"],
        summary: "Where a channel's range stands in the books: orders covered and documents by status",
        description:
          "Takes the same range as POST /api/v1/books/sync (a preset, or from and to); poll it while a manual sync or re-summarise runs.",
        querystring: z.object({
          connectionId: z.uuid(),
          preset: z.enum(syncPresets).optional(),
          from: day.optional(),
          to: day.optional(),
        }),
        response: { 200: getBooksSyncProgressResponse },
      },
    },
    async (request) => {
      const { connectionId, preset, from, to } = request.query;
      const { accountId } = principalOf(request);
      // Another account's connection is a 404 whatever else is wrong with the query.
      await getConnection(ctx.db, accountId, connectionId);
      const range = preset ? presetRange(preset, new Date()) : from && to ? { from, to } : null;
      if (!range) throw invalid("range_missing", "give a preset, or both from and to");
      return syncProgress(ctx.db, accountId, connectionId, range);
    },
  );

  app.get(
    "/orders/:id/postings",
    {
      schema: {
        operationId: "listOrderPostings",
        tags: ["books"],
        summary: "How an order reached the books: its posting, its summary's, and its refunds'",
        params: z.object({ id: z.uuid() }),
        response: { 200: listOrderPostingsResponse, ...problems({ 404: ["order_not_found"] }) },
      },
    },
    async (request) => orderPostings(ctx.db, principalOf(request).accountId, request.params.id),
  );
}
