import { z } from "zod";

/** What this module's routes answer: Fastify serialises each reply through these, so a field not listed here never leaves the hub. */

export const listEventsResponse = z.object({
  items: z.array(
    z.object({
      id: z.number(),
      type: z.string(),
      subject: z.string().nullable(),
      payload: z.record(z.string(), z.unknown()),
      createdAt: z.string(),
    }),
  ),
  nextCursor: z.string().nullable(),
});
