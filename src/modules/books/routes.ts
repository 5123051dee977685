import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../../context.ts";
import { principalOf } from "../../http/auth.ts";
import { problems } from "../../http/openapi.ts";
import { invalid } from "../../lib/errors.ts";
import { getConnection } from "../connections/index.ts";
import { listPostings } from "./ledger.ts";
import { presetRange, syncPresets } from "./periods.ts";
import {
  getOrderSettingsResponse,
  listBooksPostingsResponse,
  listBooksSummariesResponse,
  resummarizeBooksSummaryResponse,
  syncBooksResponse,
  updateOrderSettingsResponse,
} from "./response-schemas.ts";
import { resummarize } from "./resummarize.ts";
import { registerBooksStatusRoutes } from "./routes-status.ts";
import {
  postingModes,
  postingStatuses,
  postingSubjects,
  refundDocuments,
  saleDocuments,
  summaryGroupings,
} from "./schema.ts";
import { getOrderSettings, type OrderSettingsPatch, putOrderSettings } from "./settings.ts";
import { listSummaries } from "./summaries.ts";
import { syncBooks } from "./sync.ts";

const idParams = z.object({ id: z.uuid() });
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "YYYY-MM-DD");
const limit = z.coerce.number().int().min(1).max(500).default(50);

export function registerBooksRoutes(root: FastifyInstance, ctx: AppContext): void {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get(
    "/connections/:id/order-settings",
    {
      schema: {
        operationId: "getOrderSettings",
        tags: ["books"],
        summary: "How this channel's sales post to the books",
        params: idParams,
        response: { 200: getOrderSettingsResponse, ...problems({ 404: ["connection_not_found"] }) },
      },
    },
    async (request) => getOrderSettings(ctx.db, principalOf(request).accountId, request.params.id),
  );

  app.put(
    "/connections/:id/order-settings",
    {
      config: { minRole: "admin" },
      schema: {
        operationId: "updateOrderSettings",
        tags: ["books"],
        summary:
          "Posting mode (individual / summary), grouping (day / month), books connection, summary customer, document kinds",
        params: idParams,
        body: z.strictObject({
          postingMode: z.enum(postingModes).optional(),
          grouping: z.enum(summaryGroupings).optional(),
          booksConnectionId: z.uuid().nullable().optional(),
          summaryCustomer: z.string().trim().min(1).max(100).nullable().optional(),
          saleDocument: z.enum(saleDocuments).optional(),
          refundDocument: z.enum(refundDocuments).optional(),
        }),
        response: {
          200: updateOrderSettingsResponse,
          ...problems({ 400: ["not_a_books_connection"], 404: ["connection_not_found"] }),
        },
      },
    },
    async (request) => {
      const patch = Object.fromEntries(
        Object.entries(request.body).filter(([, v]) => v !== undefined),
      ) as OrderSettingsPatch;
      return putOrderSettings(ctx, principalOf(request).accountId, request.params.id, patch);
    },
  );

  app.post(
    "/books/sync",
    {
      config: { minRole: "admin" },
      schema: {
        operationId: "syncBooks",
        tags: ["books"],
        summary: "Post a range of a channel's sales and refunds (preset or custom, at most four months)",
        body: z.strictObject({
          connectionId: z.uuid(),
          preset: z.enum(syncPresets).optional(),
          from: day.optional(),
          to: day.optional(),
        }),
        response: {
          200: syncBooksResponse,
          ...problems({
            400: ["range_missing", "date_invalid", "range_reversed", "range_too_long"],
            422: ["no_books_connection"],
          }),
        },
      },
    },
    async (request) => {
      const { connectionId, preset, from, to } = request.body;
      const range = preset ? presetRange(preset, new Date()) : from && to ? { from, to } : null;
      if (!range) throw invalid("range_missing", "give a preset, or both from and to");
      return syncBooks(ctx, principalOf(request).accountId, connectionId, range);
    },
  );

  app.get(
    "/books/summaries",
    {
      schema: {
        operationId: "listBooksSummaries",
        tags: ["books"],
        summary: "Summary sales with the orders each covers",
        querystring: z.object({
          connectionId: z.uuid().optional(),
          from: z.string().optional(),
          to: z.string().optional(),
          limit,
        }),
        response: { 200: listBooksSummariesResponse, ...problems({ 400: ["invalid_cursor"] }) },
      },
    },
    async (request) => {
      const q = request.query;
      const { accountId } = principalOf(request);
      if (q.connectionId) await getConnection(ctx.db, accountId, q.connectionId);
      const items = await listSummaries(ctx.db, accountId, {
        limit: q.limit,
        ...(q.connectionId ? { channelConnectionId: q.connectionId } : {}),
        ...(q.from ? { from: q.from } : {}),
        ...(q.to ? { to: q.to } : {}),
      });
      return { items, nextCursor: null };
    },
  );

  app.post(
    "/books/summaries/:id/resummarize",
    {
      config: { minRole: "admin" },
      schema: {
        operationId: "resummarizeBooksSummary",
        tags: ["books"],
        summary: "Delete the summary in the books and in the hub, then build and post it again",
        params: idParams,
        response: {
          200: resummarizeBooksSummaryResponse,
          ...problems({
            404: ["summary_not_found"],
            409: ["posting_in_progress"],
            422: ["no_books_connection"],
          }),
        },
      },
    },
    async (request) => resummarize(ctx, principalOf(request).accountId, request.params.id),
  );

  app.get(
    "/books/postings",
    {
      schema: {
        operationId: "listBooksPostings",
        tags: ["books"],
        summary: "The postings ledger: one row per order, summary or refund and books connection",
        querystring: z.object({
          status: z.enum(postingStatuses).optional(),
          subjectType: z.enum(postingSubjects).optional(),
          booksConnectionId: z.uuid().optional(),
          channelConnectionId: z.uuid().optional(),
          limit,
        }),
        response: { 200: listBooksPostingsResponse, ...problems({ 400: ["invalid_cursor"] }) },
      },
    },
    async (request) => {
      const q = request.query;
      const { accountId } = principalOf(request);
      for (const id of [q.booksConnectionId, q.channelConnectionId]) {
        if (id) await getConnection(ctx.db, accountId, id);
      }
      const items = await listPostings(ctx.db, accountId, {
        limit: q.limit,
        ...(q.status ? { status: q.status } : {}),
        ...(q.subjectType ? { subjectType: q.subjectType } : {}),
        ...(q.booksConnectionId ? { booksConnectionId: q.booksConnectionId } : {}),
        ...(q.channelConnectionId ? { channelConnectionId: q.channelConnectionId } : {}),
      });
      return { items, nextCursor: null };
    },
  );

  registerBooksStatusRoutes(root, ctx);
}
