import { z } from "zod";

/** What this module's routes answer: Fastify serialises each reply through these, so a field not listed here never leaves the hub. */

export const updateProductSettingsResponse = z.object({
  sku: z.string(),
  leadTimeDays: z.number().nullable(),
  lowStockThreshold: z.number().nullable(),
  allowBackorder: z.boolean(),
  archived: z.boolean(),
});
