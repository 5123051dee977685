import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../../context.ts";
import { principalOf } from "../../http/auth.ts";
import { alertEventTypes } from "./alert-fields.ts";
import { previewAlert } from "./alert-preview.ts";

export function registerAlertPreviewRoutes(root: FastifyInstance, ctx: AppContext): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  app.post(
    "/custom-alerts/preview",
    {
      schema: {
        tags: ["custom alerts"],
        summary: "Render an unsaved alert against the latest event of its type (stores and sends nothing)",
        body: z.strictObject({
          eventType: z.enum(alertEventTypes),
          condition: z.unknown().optional(),
          template: z.string().min(1).max(5000),
        }),
      },
    },
    async (request) => previewAlert(ctx.db, principalOf(request).accountId, request.body),
  );
}
