import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../../context.ts";
import { principalOf } from "../../http/auth.ts";
import { problems } from "../../http/openapi.ts";
import { invalid } from "../../lib/errors.ts";
import { updateProductSettings } from "./products.ts";
import { updateProductSettingsResponse } from "./response-schemas.ts";

const skuParams = z.object({ sku: z.string().min(1).max(255) });

export function registerCatalogRoutes(root: FastifyInstance, ctx: AppContext): void {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.patch(
    "/products/:sku",
    {
      config: { minRole: "admin" },
      schema: {
        operationId: "updateProductSettings",
        tags: ["products"],
        summary: "Change a product's hub settings (lead time, low-stock threshold, backorders, archived)",
        params: skuParams,
        body: z.strictObject({
          leadTimeDays: z.number().int().min(0).max(3650).nullable().optional(),
          lowStockThreshold: z.number().int().min(0).nullable().optional(),
          allowBackorder: z.boolean().optional(),
          archived: z.boolean().optional(),
        }),
        response: {
          200: updateProductSettingsResponse,
          ...problems({ 400: ["nothing_to_change"], 404: ["product_not_found"] }),
        },
      },
    },
    async (request) => {
      const { accountId } = principalOf(request);
      if (Object.keys(request.body).length === 0) throw invalid("nothing_to_change", "nothing to change");
      const p = await updateProductSettings(ctx.db, accountId, request.params.sku, request.body);
      return {
        sku: p.sku,
        leadTimeDays: p.leadTimeDays,
        lowStockThreshold: p.lowStockThreshold,
        allowBackorder: p.allowBackorder,
        archived: p.archived,
      };
    },
  );
}
