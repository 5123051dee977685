import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../../context.ts";
import { principalOf } from "../../http/auth.ts";
import { noContent, problems } from "../../http/openapi.ts";
import { cursorShapes, decodeCursor, pageOf, pageQuery } from "../../http/pagination.ts";
import { getConnection } from "../connections/index.ts";
import { getNotification, listNotifications, markAllRead, markRead, unreadCount } from "./centre.ts";
import {
  countUnreadNotificationsResponse,
  getNotificationResponse,
  listConnectionRecentRunsResponse,
  listNotificationsResponse,
  markAllNotificationsReadResponse,
} from "./response-schemas.ts";
import { registerAlertPreviewRoutes } from "./routes-alert-preview.ts";
import { registerAlertRoutes } from "./routes-alerts.ts";
import { registerGoalRoutes } from "./routes-goals.ts";
import { registerSettingsRoutes } from "./routes-settings.ts";
import { notificationSeverities } from "./schema.ts";
import { notificationTypeKeys } from "./types.ts";

const idParams = z.object({ id: z.uuid() });
const filter = z.object({
  type: z.enum(notificationTypeKeys).optional(),
  connectionId: z.uuid().optional(),
  severity: z.enum(notificationSeverities).optional(),
  read: z
    .enum(["true", "false"])
    .transform((v) => v === "true")
    .optional(),
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
  q: z.string().trim().min(1).max(200).optional(),
});

export function registerNotificationRoutes(root: FastifyInstance, ctx: AppContext): void {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get(
    "/notifications",
    {
      schema: {
        operationId: "listNotifications",
        tags: ["notifications"],
        summary: "The notification centre, newest first, with filters and search over title and body",
        querystring: pageQuery.extend(filter.shape),
        response: { 200: listNotificationsResponse, ...problems({ 400: ["invalid_cursor"] }) },
      },
    },
    async (request) => {
      const p = principalOf(request);
      const { limit, cursor, ...f } = request.query;
      if (f.connectionId) await getConnection(ctx.db, p.accountId, f.connectionId);
      const after = decodeCursor(cursor, cursorShapes.instantAndUuid);
      const rows = await listNotifications(ctx.db, p.accountId, p.user.id, {
        ...f,
        limit,
        before: after ? { createdAt: after.v, id: after.id } : undefined,
      });
      return pageOf(rows, limit, (r) => ({ v: r.createdAt, id: r.id }));
    },
  );

  app.get(
    "/notifications/unread-count",
    {
      schema: {
        operationId: "countUnreadNotifications",
        tags: ["notifications"],
        summary: "Unread notifications of the caller (the bell)",
        response: { 200: countUnreadNotificationsResponse },
      },
    },
    async (request) => {
      const p = principalOf(request);
      return { unread: await unreadCount(ctx.db, p.accountId, p.user.id) };
    },
  );

  app.get(
    "/notifications/:id",
    {
      schema: {
        operationId: "getNotification",
        tags: ["notifications"],
        summary: "One notification with its data and deliveries",
        params: idParams,
        response: { 200: getNotificationResponse, ...problems({ 404: ["notification_not_found"] }) },
      },
    },
    async (request) => {
      const p = principalOf(request);
      const {
        notification: n,
        readAt,
        deliveries,
      } = await getNotification(ctx.db, p.accountId, p.user.id, request.params.id);
      return {
        id: n.id,
        type: n.type,
        severity: n.severity,
        title: n.title,
        body: n.body,
        connectionId: n.connectionId,
        subject: n.subject,
        data: n.data,
        createdAt: n.createdAt.toISOString(),
        read: readAt !== null,
        readAt: readAt?.toISOString() ?? null,
        deliveries: deliveries.map((d) => ({
          channel: d.channel,
          recipient: d.recipient,
          status: d.status,
          attempts: d.attempts,
          lastError: d.lastError,
          nextAttemptAt: d.status === "pending" ? d.nextAttemptAt.toISOString() : null,
          sentAt: d.sentAt?.toISOString() ?? null,
        })),
      };
    },
  );

  for (const [action, read] of [
    ["read", true],
    ["unread", false],
  ] as const) {
    app.post(
      `/notifications/:id/${action}`,
      {
        schema: {
          operationId: read ? "markNotificationRead" : "markNotificationUnread",
          tags: ["notifications"],
          summary: `Mark one notification ${action} for the caller`,
          params: idParams,
          response: { 204: noContent, ...problems({ 404: ["notification_not_found"] }) },
        },
      },
      async (request, reply) => {
        const p = principalOf(request);
        await markRead(ctx.db, p.accountId, p.user.id, request.params.id, read);
        return reply.code(204).send();
      },
    );
  }

  app.post(
    "/notifications/read-all",
    {
      schema: {
        operationId: "markAllNotificationsRead",
        tags: ["notifications"],
        summary: "Mark all (or all matching the filter) read for the caller",
        body: filter.omit({ read: true }).strict().optional(),
        response: { 200: markAllNotificationsReadResponse },
      },
    },
    async (request) => {
      const p = principalOf(request);
      const f = request.body ?? {};
      if (f.connectionId) await getConnection(ctx.db, p.accountId, f.connectionId);
      return { marked: await markAllRead(ctx.db, p.accountId, p.user.id, f) };
    },
  );

  app.get(
    "/connections/:id/recent-runs",
    {
      schema: {
        operationId: "listConnectionRecentRuns",
        tags: ["notifications"],
        summary: "The 5 most recent job completions of a connection",
        params: idParams,
        response: { 200: listConnectionRecentRunsResponse, ...problems({ 404: ["connection_not_found"] }) },
      },
    },
    async (request) => {
      const p = principalOf(request);
      const c = await getConnection(ctx.db, p.accountId, request.params.id);
      const items = await listNotifications(ctx.db, p.accountId, p.user.id, {
        type: "job_completion",
        connectionId: c.id,
        limit: 5,
      });
      return { items: items.slice(0, 5) };
    },
  );

  registerSettingsRoutes(root, ctx);
  registerAlertRoutes(root, ctx);
  registerAlertPreviewRoutes(root, ctx);
  registerGoalRoutes(root, ctx);
  // The planner is registered here because it exists to drive stock alerts (one app.ts entry).
}
