import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../../context.ts";
import { principalOf } from "../../http/auth.ts";
import { noContent, problems } from "../../http/openapi.ts";
import {
  createNotificationWebhookResponse,
  getNotificationSettingsResponse,
  listNotificationTypesResponse,
  listNotificationWebhooksResponse,
  updateNotificationSettingsResponse,
} from "./response-schemas.ts";
import { countPeriods, webhookFormats } from "./schema.ts";
import { getSettings, saveSettings } from "./settings.ts";
import { notificationTypes, switchableTypes } from "./types.ts";
import { createWebhook, deleteWebhook, listWebhooks } from "./webhooks.ts";

const switches = z.partialRecord(z.enum(switchableTypes), z.boolean());

export function registerSettingsRoutes(root: FastifyInstance, ctx: AppContext): void {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get(
    "/notification-types",
    {
      schema: {
        operationId: "listNotificationTypes",
        tags: ["notifications"],
        summary: "Notification types with their group, severity and templates",
        response: { 200: listNotificationTypesResponse },
      },
    },
    async () => ({
      items: Object.entries(notificationTypes).map(([key, d]) => ({ key, ...d })),
    }),
  );

  app.get(
    "/notification-settings",
    {
      schema: {
        operationId: "getNotificationSettings",
        tags: ["notifications"],
        summary: "Type switches, global opt-in and e-mail routing",
        response: { 200: getNotificationSettingsResponse },
      },
    },
    async (request) => getSettings(ctx.db, principalOf(request).accountId),
  );

  app.put(
    "/notification-settings",
    {
      config: { minRole: "admin" },
      schema: {
        operationId: "updateNotificationSettings",
        tags: ["notifications"],
        summary: "Save settings as one update: a bad address or unknown connection saves nothing",
        body: z.strictObject({
          defaultEmail: z.email().nullable().optional(),
          override: z.strictObject({ enabled: z.boolean(), emails: z.string().max(5000) }).optional(),
          globalOptIn: z.boolean().optional(),
          types: switches.optional(),
          connections: z
            .array(
              z.strictObject({
                connectionId: z.uuid(),
                types: switches,
                /** How often "total orders count" covers this connection; default day. */
                ordersCountPeriod: z.enum(countPeriods).optional(),
              }),
            )
            .max(500)
            .optional(),
        }),
        response: {
          200: updateNotificationSettingsResponse,
          ...problems({ 400: ["email_invalid", "override_emails_missing"] }),
        },
      },
    },
    async (request) => {
      const { accountId } = principalOf(request);
      await saveSettings(ctx.db, accountId, request.body);
      return getSettings(ctx.db, accountId);
    },
  );

  app.get(
    "/notification-webhooks",
    {
      schema: {
        operationId: "listNotificationWebhooks",
        tags: ["notifications"],
        summary: "Signed webhook targets for notifications",
        response: { 200: listNotificationWebhooksResponse },
      },
    },
    async (request) => ({ items: await listWebhooks(ctx, principalOf(request).accountId) }),
  );

  app.post(
    "/notification-webhooks",
    {
      config: { minRole: "admin" },
      schema: {
        operationId: "createNotificationWebhook",
        tags: ["notifications"],
        summary: "Add a webhook target; the signing secret is shown only in this answer",
        body: z.strictObject({
          url: z.string().max(2000),
          format: z.enum(webhookFormats).optional(),
          allNotifications: z.boolean().optional(),
        }),
        response: { 201: createNotificationWebhookResponse },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createWebhook(ctx, principalOf(request).accountId, request.body)),
  );

  app.delete(
    "/notification-webhooks/:id",
    {
      config: { minRole: "admin" },
      schema: {
        operationId: "deleteNotificationWebhook",
        tags: ["notifications"],
        summary: "Remove a webhook target",
        params: z.object({ id: z.uuid() }),
        response: { 204: noContent, ...problems({ 404: ["webhook_not_found"] }) },
      },
    },
    async (request, reply) => {
      await deleteWebhook(ctx, principalOf(request).accountId, request.params.id);
      return reply.code(204).send();
    },
  );
}
