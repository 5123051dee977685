import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { feedDirection, feedKinds } from "../../connectors/contract.ts";
import type { AppContext } from "../../context.ts";
import { principalOf } from "../../http/auth.ts";
import { problems } from "../../http/openapi.ts";
import { cursorShapes, decodeCursor, encodeCursor, pageOf, pageQuery } from "../../http/pagination.ts";
import {
  getConnection,
  getIssue,
  issueView,
  listIssues,
  listSyncLog,
  type SyncLogPosition,
  severities,
} from "../connections/index.ts";
import { queueFeedRun } from "./feed-runner.ts";
import { type Feed, getFeed, listFeeds, updateFeed } from "./feeds.ts";
import {
  getFeedRunResponse,
  listFeedRunsResponse,
  listFeedsResponse,
  listSyncIssuesResponse,
  listSyncLogResponse,
  replaySyncIssueResponse,
  runFeedResponse,
  updateFeedResponse,
} from "./response-schemas.ts";
import { retrySubject } from "./retries.ts";
import { getRun, listRuns, runView } from "./runs.ts";
import { runStatuses, runTriggers } from "./schema.ts";

const idParams = z.object({ id: z.uuid() });
const feedParams = z.object({ id: z.uuid(), kind: z.enum(feedKinds) });

function feedView(f: Feed) {
  return {
    kind: f.kind,
    direction: feedDirection[f.kind as keyof typeof feedDirection],
    enabled: f.enabled,
    cron: f.cron,
    timezone: f.timezone,
    nextRunAt: f.nextRunAt?.toISOString() ?? null,
    watermark: f.watermark?.toISOString() ?? null,
  };
}

export function registerFeedRoutes(root: FastifyInstance, ctx: AppContext): void {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get(
    "/connections/:id/feeds",
    {
      schema: {
        operationId: "listFeeds",
        tags: ["feeds"],
        summary: "A connection's feeds with schedules",
        params: idParams,
        response: { 200: listFeedsResponse, ...problems({ 404: ["connection_not_found"] }) },
      },
    },
    async (request) => {
      const c = await getConnection(ctx.db, principalOf(request).accountId, request.params.id);
      return { items: (await listFeeds(ctx.db, c.accountId, c.id)).map(feedView) };
    },
  );

  app.patch(
    "/connections/:id/feeds/:kind",
    {
      config: { minRole: "admin" },
      schema: {
        operationId: "updateFeed",
        tags: ["feeds"],
        summary: "Enable or disable a feed, or change its cron schedule and time zone",
        params: feedParams,
        body: z.strictObject({
          enabled: z.boolean().optional(),
          cron: z.string().max(100).nullable().optional(),
          timezone: z.string().max(64).optional(),
        }),
        response: {
          200: updateFeedResponse,
          ...problems({
            400: ["cron_invalid", "cron_never_fires", "timezone_invalid"],
            404: ["connection_not_found", "feed_not_found"],
          }),
        },
      },
    },
    async (request) => {
      const c = await getConnection(ctx.db, principalOf(request).accountId, request.params.id);
      return feedView(await updateFeed(ctx.db, c.accountId, c.id, request.params.kind, request.body));
    },
  );

  app.post(
    "/connections/:id/feeds/:kind/run",
    {
      schema: {
        operationId: "runFeed",
        tags: ["feeds"],
        summary: "Run now (full: ignore the watermark and read everything)",
        params: feedParams,
        body: z.strictObject({ full: z.boolean().optional() }).optional(),
        response: { 202: runFeedResponse, ...problems({ 404: ["connection_not_found", "feed_not_found"] }) },
      },
    },
    async (request, reply) => {
      const c = await getConnection(ctx.db, principalOf(request).accountId, request.params.id);
      await getFeed(ctx.db, c.accountId, c.id, request.params.kind);
      const { run, queued } = await queueFeedRun(ctx, {
        accountId: c.accountId,
        connectionId: c.id,
        kind: request.params.kind,
        trigger: "manual",
        full: request.body?.full ?? false,
      });
      return reply.code(202).send({ ...runView(run), alreadyQueued: !queued });
    },
  );

  app.get(
    "/feed-runs",
    {
      schema: {
        operationId: "listFeedRuns",
        tags: ["feeds"],
        summary: "Feed executions, newest first",
        querystring: pageQuery.extend({
          connectionId: z.uuid().optional(),
          feed: z.enum(feedKinds).optional(),
          status: z.enum(runStatuses).optional(),
          trigger: z.enum(runTriggers).optional(),
          from: z.coerce.date().optional(),
          to: z.coerce.date().optional(),
          q: z.string().max(200).optional(),
        }),
        response: { 200: listFeedRunsResponse, ...problems({ 400: ["invalid_cursor"] }) },
      },
    },
    async (request) => {
      const { accountId } = principalOf(request);
      const { limit, cursor, feed, ...filter } = request.query;
      if (filter.connectionId) await getConnection(ctx.db, accountId, filter.connectionId);
      const after = decodeCursor(cursor, cursorShapes.instantAndUuid);
      const rows = await listRuns(ctx.db, accountId, {
        ...filter,
        ...(feed ? { feedKind: feed } : {}),
        limit,
        ...(after ? { before: { queuedAt: after.v, id: after.id } } : {}),
      });
      return pageOf(rows.map(runView), limit, (r) => ({ v: r.queuedAt, id: r.id }));
    },
  );

  app.get(
    "/feed-runs/:id",
    {
      schema: {
        operationId: "getFeedRun",
        tags: ["feeds"],
        summary: "One feed execution with its messages",
        params: idParams,
        response: { 200: getFeedRunResponse, ...problems({ 404: ["feed_run_not_found"] }) },
      },
    },
    async (request) => {
      const { run, messages } = await getRun(ctx.db, principalOf(request).accountId, request.params.id);
      return {
        ...runView(run),
        messages: messages.map((m) => ({
          severity: m.severity,
          code: m.code,
          message: m.message,
          subject: m.subject,
          at: m.createdAt.toISOString(),
        })),
      };
    },
  );

  app.get(
    "/sync/issues",
    {
      schema: {
        operationId: "listSyncIssues",
        tags: ["feeds"],
        summary: "Items retrying by themselves and items that need a person",
        querystring: z.object({
          connectionId: z.uuid().optional(),
          severity: z.enum(severities).optional(),
          resolved: z.enum(["true", "false"]).optional(),
          limit: z.coerce.number().int().min(1).max(500).default(100),
        }),
        response: { 200: listSyncIssuesResponse, ...problems({ 400: ["invalid_cursor"] }) },
      },
    },
    async (request) => {
      const { accountId } = principalOf(request);
      const q = request.query;
      if (q.connectionId) await getConnection(ctx.db, accountId, q.connectionId);
      const rows = await listIssues(ctx.db, accountId, {
        ...(q.connectionId ? { connectionId: q.connectionId } : {}),
        ...(q.severity ? { severity: q.severity } : {}),
        open: q.resolved !== "true",
        limit: q.limit,
      });
      return { items: rows.map(issueView) };
    },
  );

  app.post(
    "/sync/issues/:id/replay",
    {
      schema: {
        operationId: "replaySyncIssue",
        tags: ["feeds"],
        summary: "Try an item again after fixing its cause",
        params: idParams,
        response: { 200: replaySyncIssueResponse, ...problems({ 404: ["issue_not_found"] }) },
      },
    },
    async (request) => {
      const { accountId } = principalOf(request);
      const issue = await getIssue(ctx.db, accountId, request.params.id);
      await retrySubject(ctx, issue, "manual");
      return issueView(await getIssue(ctx.db, accountId, issue.id));
    },
  );

  app.get(
    "/sync-log",
    {
      schema: {
        operationId: "listSyncLog",
        tags: ["feeds"],
        summary: "Per SKU and connection: the last push and pull, quantity, result and reason",
        querystring: pageQuery.extend({
          connectionId: z.uuid().optional(),
          sku: z.string().max(255).optional(),
          status: z.enum(["ok", "failed", "skipped"]).optional(),
          severity: z.enum(severities).optional(),
          from: z.coerce.date().optional(),
          to: z.coerce.date().optional(),
        }),
        response: { 200: listSyncLogResponse, ...problems({ 400: ["invalid_cursor"] }) },
      },
    },
    async (request) => {
      const { accountId } = principalOf(request);
      const { limit, cursor, status, ...filter } = request.query;
      if (filter.connectionId) await getConnection(ctx.db, accountId, filter.connectionId);
      const after = decodeCursor(cursor, cursorShapes.microsAndSyncLogKey);
      const rows = await listSyncLog(ctx.db, accountId, {
        ...filter,
        ...(status ? { result: status } : {}),
        limit,
        ...(after ? { after: syncLogPosition(after) } : {}),
      });
      const items = rows.slice(0, limit).map((r) => ({
        connectionId: r.connectionId,
        sku: r.sku,
        direction: r.direction,
        quantity: r.quantity,
        result: r.result,
        severity: r.severity,
        reason: r.reason,
        at: r.at.toISOString(),
      }));
      const last = rows.length > limit ? rows[limit - 1] : undefined;
      const key = last && `${last.connectionId} ${last.direction} ${last.sku}`;
      return { items, nextCursor: last && key ? encodeCursor({ v: last.atMicros, id: key }) : null };
    },
  );
}

/** A sync log cursor's key back into its parts; its shape was checked by `decodeCursor`. */
function syncLogPosition(cursor: { v: number; id: string }): SyncLogPosition {
  const [connectionId, direction, ...sku] = cursor.id.split(" ");
  return {
    atMicros: cursor.v,
    connectionId: connectionId!,
    direction: direction === "pull" ? "pull" : "push",
    sku: sku.join(" "),
  };
}
