import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../../context.ts";
import { principalOf } from "../../http/auth.ts";
import { getTaxSettings, putTaxSettings } from "./tax-codes.ts";

const idParams = z.object({ id: z.uuid() });
const taxCode = z.string().trim().min(1).max(100);

/** A books connection's tax codes for postings: the default and one per channel connection. */
export function registerTaxCodeRoutes(root: FastifyInstance, ctx: AppContext): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  app.get(
    "/connections/:id/books-tax-codes",
    {
      schema: {
        tags: ["books"],
        summary: "The books connection's tax code settings, with the company's tax codes to choose from",
        params: idParams,
      },
    },
    async (request) => getTaxSettings(ctx, principalOf(request).accountId, request.params.id),
  );
  app.put(
    "/connections/:id/books-tax-codes",
    {
      config: { minRole: "admin" },
      schema: {
        tags: ["books"],
        summary:
          "Set the tax code postings carry: a default and per channel connection, each an active code of the company",
        params: idParams,
        body: z.strictObject({
          defaultTaxCode: taxCode.nullable().optional(),
          channelTaxCodes: z.record(z.uuid(), taxCode).optional(),
        }),
      },
    },
    async (request) =>
      putTaxSettings(ctx, principalOf(request).accountId, request.params.id, {
        ...(request.body.defaultTaxCode !== undefined ? { defaultTaxCode: request.body.defaultTaxCode } : {}),
        ...(request.body.channelTaxCodes ? { channelTaxCodes: request.body.channelTaxCodes } : {}),
      }),
  );
}
