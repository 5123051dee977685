import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../../context.ts";
import { principalOf } from "../../http/auth.ts";
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
        tags: ["notifications"],
        summary: "Notification types with their group, severity and templates",
      },
    },
    async () => ({
      items: Object.entries(notificationTypes).map(([key, d]) => ({ key, ...d })),
    }),
  );

  app.get(
    "/notification-settings",
    { schema: { tags: ["notifications"], summary: "Type switches, global opt-in and e-mail routing" } },
    async (request) => getSettings(ctx.db, principalOf(request).accountId),
  );

  app.put(
    "/notification-settings",
    {
      config: { minRole: "admin" },
      schema: {
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
    { schema: { tags: ["notifications"], summary: "Signed webhook targets for notifications" } },
    async (request) => ({ items: await listWebhooks(ctx, principalOf(request).accountId) }),
  );

  app.post(
    "/notification-webhooks",
    {
      config: { minRole: "admin" },
      schema: {
        tags: ["notifications"],
        summary: "Add a webhook target; the signing secret is shown only in this answer",
        body: z.strictObject({
          url: z.string().max(2000),
          format: z.enum(webhookFormats).optional(),
          allNotifications: z.boolean().optional(),
        }),
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
        tags: ["notifications"],
        summary: "Remove a webhook target",
        params: z.object({ id: z.uuid() }),
      },
    },
    async (request, reply) => {
      await deleteWebhook(ctx, principalOf(request).accountId, request.params.id);
      return reply.code(204).send();
    },
  );
}
