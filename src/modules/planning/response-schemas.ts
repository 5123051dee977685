import { z } from "zod";

/** What this module's routes answer: Fastify serialises each reply through these, so a field not listed here never leaves the hub. */

export const getPlanningReportResponse = z.object({
  settings: z.object({ reportDays: z.number(), overstockDays: z.number(), understockDays: z.number() }),
  items: z.array(
    z.object({
      averageDailySales: z.number().nullable(),
      daysOfSupply: z.number().nullable(),
      difference: z.number().nullable(),
      status: z.enum(["ok", "understock", "overstock"]),
      productId: z.string(),
      sku: z.string(),
      name: z.string(),
      unitsSold: z.number(),
      available: z.number(),
      leadTimeDays: z.number().nullable(),
    }),
  ),
  nextCursor: z.string().nullable(),
});

export const getPlanningSettingsResponse = z.object({
  reportDays: z.number(),
  overstockDays: z.number(),
  understockDays: z.number(),
  connectionId: z.string().nullable(),
});

export const updatePlanningSettingsResponse = getPlanningSettingsResponse;
