import { z } from "zod";

/** Any GraphQL response: `data` is validated by the caller's schema, `errors` read here. */
export const graphqlEnvelopeSchema = z.object({
  data: z.unknown().optional(),
  errors: z
    .array(
      z.object({
        message: z.string().default(""),
        path: z.array(z.union([z.string(), z.number()])).optional(),
        extensions: z.object({ code: z.string().optional() }).optional(),
      }),
    )
    .optional(),
});

export type GraphqlEnvelopeError = NonNullable<z.infer<typeof graphqlEnvelopeSchema>["errors"]>[number];
