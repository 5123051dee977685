import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../../context.ts";
import { principalOf } from "../../http/auth.ts";
import { problems } from "../../http/openapi.ts";
import { getTaxSettings, putTaxSettings } from "./tax-codes.ts";

const idParams = z.object({ id: z.uuid() });
const taxCode = z.string().trim().min(1).max(100);

/** A books connection's tax codes for postings: the default and one per channel connection. */
/** What both routes answer: the settings and the company's codes to choose from. */
const taxSettings = z.object({
  defaultTaxCode: z.string().nullable(),
  channelTaxCodes: z.record(z.string(), z.string()),
  taxCodes: z.array(
    z.object({ id: z.string(), name: z.string(), taxable: z.boolean(), active: z.boolean() }),
  ),
});

export function registerTaxCodeRoutes(root: FastifyInstance, ctx: AppContext): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  app.get(
    "/connections/:id/books-tax-codes",
    {
      schema: {
        operationId: "getBooksTaxCodes",
        tags: ["books"],
        summary: "The books connection's tax code settings, with the company's tax codes to choose from",
        params: idParams,
        response: { 200: taxSettings, ...problems({ 404: ["connection_not_found"] }) },
      },
    },
    async (request) => getTaxSettings(ctx, principalOf(request).accountId, request.params.id),
  );
  app.put(
    "/connections/:id/books-tax-codes",
    {
      config: { minRole: "admin" },
      schema: {
        operationId: "updateBooksTaxCodes",
        tags: ["books"],
        summary:
          "Set the tax code postings carry: a default and per channel connection, each an active code of the company",
        params: idParams,
        body: z.strictObject({
          defaultTaxCode: taxCode.nullable().optional(),
          channelTaxCodes: z.record(z.uuid(), taxCode).optional(),
        }),
        response: { 200: taxSettings, ...problems({ 404: ["connection_not_found"] }) },
      },
    },
    async (request) =>
      putTaxSettings(ctx, principalOf(request).accountId, request.params.id, {
        ...(request.body.defaultTaxCode !== undefined ? { defaultTaxCode: request.body.defaultTaxCode } : {}),
        ...(request.body.channelTaxCodes ? { channelTaxCodes: request.body.channelTaxCodes } : {}),
      }),
  );
}
