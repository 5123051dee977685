import { eq } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../../../context.ts";
import { principalOf } from "../../../http/auth.ts";
import { problems } from "../../../http/openapi.ts";
import { AppError } from "../../../lib/errors.ts";
import { credentialsOf, getConnection } from "../../connections/index.ts";
import { qbwcContacts } from "../schema.ts";
import { pollingProtocolOf } from "./protocol.ts";
import { readBackSource } from "./stock-counts.ts";
import { SILENT_RUNS } from "./watch.ts";

const iso = z.string().nullable();
export const webConnectorStatusResponse = z.object({
  username: z.string(),
  runEveryMinutes: z.number(),
  qwcIssuedAt: iso,
  lastContactAt: iso,
  /** Minutes of silence after which the stall alarm and the `web_connector_silent` issue go off. */
  silentAfterMinutes: z.number(),
  silent: z.boolean(),
  inventorySource: z.boolean(),
  stockReadFrom: iso,
});

/**
 * `GET /api/v1/connections/:id/web-connector`: what the dashboard shows of a QuickBooks Desktop
 * connection's Web Connector (the user to type, the schedule of the latest .qwc, the last call).
 */
export function registerWebConnectorStatusRoute(root: FastifyInstance, ctx: AppContext): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  app.get(
    "/connections/:id/web-connector",
    {
      schema: {
        operationId: "getWebConnectorStatus",
        tags: ["books"],
        summary: "A QuickBooks Desktop connection's Web Connector: its user, schedule and last contact",
        params: z.object({ id: z.uuid() }),
        response: {
          200: webConnectorStatusResponse,
          ...problems({ 404: ["connection_not_found"], 400: ["not_a_web_connector_connection"] }),
        },
      },
    },
    async (request) => {
      const connection = await getConnection(ctx.db, principalOf(request).accountId, request.params.id);
      const protocol = pollingProtocolOf(ctx, connection);
      if (!protocol) {
        throw new AppError(
          "invalid_data",
          "not_a_web_connector_connection",
          `connection "${connection.name}" (${connection.platform}) is not reached through the QuickBooks Web Connector`,
        );
      }
      const [contact] = await ctx.db
        .select()
        .from(qbwcContacts)
        .where(eq(qbwcContacts.connectionId, connection.id));
      const runEveryMinutes = contact?.runEveryMinutes ?? 15;
      const silentAfterMinutes = SILENT_RUNS * runEveryMinutes;
      const since = contact?.lastContactAt ?? contact?.qwcIssuedAt ?? null;
      const silent =
        connection.mode !== "test" &&
        since !== null &&
        Date.now() - since.getTime() > silentAfterMinutes * 60_000;
      const source = await readBackSource(ctx, {
        accountId: connection.accountId,
        connectionId: connection.id,
      });
      return {
        username: protocol.username(credentialsOf(ctx, connection)),
        runEveryMinutes,
        qwcIssuedAt: contact?.qwcIssuedAt?.toISOString() ?? null,
        lastContactAt: contact?.lastContactAt?.toISOString() ?? null,
        silentAfterMinutes,
        silent,
        inventorySource: source !== null,
        stockReadFrom: contact?.stockReadFrom?.toISOString() ?? null,
      };
    },
  );
}
