import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../../context.ts";
import { principalOf } from "../../http/auth.ts";
import { problems } from "../../http/openapi.ts";
import { getConnection } from "../connections/index.ts";
import { registerWebhooksFor } from "./webhook-registration.ts";

/**
 * Registers the platform's webhooks again, e.g. once PUBLIC_URL is https: success clears the
 * connection's "webhooks not registered" issue; a refusal keeps it, with the new reason.
 */
export function registerWebhookRegistrationRoutes(root: FastifyInstance, ctx: AppContext): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  app.post(
    "/connections/:id/webhooks",
    {
      config: { minRole: "admin" },
      schema: {
        operationId: "registerConnectionWebhooks",
        tags: ["connections"],
        summary: "Register the platform's webhooks for this connection again",
        params: z.object({ id: z.uuid() }),
        response: {
          200: z.object({
            registered: z.boolean(),
            topics: z.array(z.string()).optional(),
            error: z.string().optional(),
          }),
          ...problems({ 404: ["connection_not_found"] }),
        },
      },
    },
    async (request) => {
      const connection = await getConnection(ctx.db, principalOf(request).accountId, request.params.id);
      return registerWebhooksFor(ctx, connection);
    },
  );
}
