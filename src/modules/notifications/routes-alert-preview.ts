import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../../context.ts";
import { principalOf } from "../../http/auth.ts";
import { problems } from "../../http/openapi.ts";
import { alertEventTypes } from "./alert-fields.ts";
import { previewAlert } from "./alert-preview.ts";
import { previewCustomAlertResponse } from "./response-schemas.ts";

export function registerAlertPreviewRoutes(root: FastifyInstance, ctx: AppContext): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  app.post(
    "/custom-alerts/preview",
    {
      schema: {
        operationId: "previewCustomAlert",
        tags: ["custom alerts"],
        summary: "Render an unsaved alert against the latest event of its type (stores and sends nothing)",
        body: z.strictObject({
          eventType: z.enum(alertEventTypes),
          condition: z.unknown().optional(),
          template: z.string().min(1).max(5000),
        }),
        response: {
          200: previewCustomAlertResponse,
          ...problems({
            400: [
              "condition_invalid",
              "condition_field_unknown",
              "template_field_unknown",
              "template_invalid",
              "template_render_failed",
            ],
          }),
        },
      },
    },
    async (request) => previewAlert(ctx.db, principalOf(request).accountId, request.body),
  );
}
