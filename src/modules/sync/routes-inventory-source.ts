import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../../context.ts";
import { principalOf } from "../../http/auth.ts";
import { problems } from "../../http/openapi.ts";
import { getInventorySource, putInventorySource } from "./inventory-source.ts";
import { getInventorySourceResponse, setInventorySourceResponse } from "./response-schemas.ts";

const sourceBody = z.discriminatedUnion("source", [
  z.strictObject({ source: z.literal("hub") }),
  z.strictObject({
    source: z.literal("books"),
    connectionId: z.uuid(),
    warehouseId: z.uuid().nullable().optional(),
  }),
]);

/** The account's inventory source (R-SYNC-8): the hub, or a QuickBooks connection whose counts it follows. */
export function registerInventorySourceRoutes(root: FastifyInstance, ctx: AppContext): void {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get(
    "/inventory-source",
    {
      schema: {
        operationId: "getInventorySource",
        tags: ["inventory"],
        summary: "Where the account's stock counts come from: the hub (default) or a books connection",
        response: { 200: getInventorySourceResponse },
      },
    },
    async (request) => getInventorySource(ctx.db, principalOf(request).accountId),
  );

  app.put(
    "/inventory-source",
    {
      config: { minRole: "admin" },
      schema: {
        operationId: "setInventorySource",
        tags: ["inventory"],
        summary: "Choose the inventory source: the hub, or a QuickBooks connection of this account",
        description:
          "With a books connection as source, its `inventory-source` feed reads changed items every few minutes and sets the hub's on-hand from their counts (reason `books`); orders still reserve in the hub at once.",
        body: sourceBody,
        response: {
          200: setInventorySourceResponse,
          ...problems({ 400: ["not_an_inventory_source"], 404: ["connection_not_found"] }),
        },
      },
    },
    async (request) => putInventorySource(ctx, principalOf(request).accountId, request.body),
  );
}
