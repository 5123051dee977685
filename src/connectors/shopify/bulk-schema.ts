import { z } from "zod";
import { pageInfoSchema, variantSchema } from "./catalog-schema.ts";

export const probeSchema = z.object({
  productVariants: z.object({ edges: z.array(z.object({ cursor: z.string() })), pageInfo: pageInfoSchema }),
});
export type ProbePage = z.infer<typeof probeSchema>;

const userErrors = z.array(z.object({ code: z.string().nullish(), message: z.string() }));

export const bulkRunSchema = z.object({
  bulkOperationRunQuery: z
    .object({ bulkOperation: z.object({ id: z.string(), status: z.string() }).nullish(), userErrors })
    .nullable(),
});

export const bulkOperationSchema = z.object({
  node: z
    .object({
      id: z.string().optional(),
      status: z.string().optional(),
      errorCode: z.string().nullish(),
      objectCount: z.union([z.string(), z.number()]).nullish(),
      url: z.string().nullish(),
    })
    .nullable(),
});
export type BulkOperationNode = NonNullable<z.infer<typeof bulkOperationSchema>["node"]>;

/** A product line of the catalogue JSONL (no `__parentId`). */
export const bulkProductLineSchema = variantSchema.shape.product;

/** A variant line: the variant fields plus the product it belongs to. */
export const bulkVariantLineSchema = variantSchema.omit({ product: true }).extend({ __parentId: z.string() });

/** A media line of the catalogue JSONL: an image (`MediaImage`), or `{}` for other media kinds. */
export const bulkMediaLineSchema = z.object({
  __parentId: z.string(),
  image: z.object({ url: z.string() }).nullish(),
});
