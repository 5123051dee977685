import { z } from "zod";

/**
 * Edge schemas for catalog, location and stock reads. Tolerant: fields Stockwire can live without
 * are optional, unknown fields are dropped, and nothing here leaves the connector.
 */

export const pageInfoSchema = z.object({
  hasNextPage: z.boolean(),
  endCursor: z.string().nullish(),
});

export const shopSchema = z.object({
  shop: z.object({
    name: z.string(),
    currencyCode: z.string(),
    myshopifyDomain: z.string().nullish(),
  }),
});

export const locationsSchema = z.object({
  locations: z.object({
    nodes: z.array(z.object({ id: z.string(), name: z.string(), isActive: z.boolean().nullish() })),
    pageInfo: pageInfoSchema,
  }),
});
export type LocationsPage = z.infer<typeof locationsSchema>;

const weightSchema = z.object({
  value: z.number(),
  unit: z.string(),
});

export const variantSchema = z.object({
  id: z.string(),
  sku: z.string().nullish(),
  barcode: z.string().nullish(),
  title: z.string().nullish(),
  price: z.union([z.string(), z.number()]).nullish(),
  updatedAt: z.string(),
  selectedOptions: z.array(z.object({ name: z.string(), value: z.string() })).nullish(),
  product: z.object({
    id: z.string(),
    title: z.string(),
    handle: z.string().nullish(),
    status: z.string().nullish(),
    updatedAt: z.string().nullish(),
  }),
  inventoryItem: z
    .object({
      id: z.string(),
      tracked: z.boolean().nullish(),
      measurement: z.object({ weight: weightSchema.nullish() }).nullish(),
    })
    .nullish(),
});
export type VariantNode = z.infer<typeof variantSchema>;

export const variantsSchema = z.object({
  shop: z.object({ currencyCode: z.string() }),
  productVariants: z.object({ nodes: z.array(variantSchema), pageInfo: pageInfoSchema }),
});

const stockItemSchema = z.object({
  id: z.string(),
  sku: z.string().nullish(),
  inventoryLevel: z
    .object({ quantities: z.array(z.object({ name: z.string(), quantity: z.number().int() })) })
    .nullish(),
});

/** `nodes(ids:)` answers null for unknown ids and `{}` for ids of another type. */
export const stockSchema = z.object({
  nodes: z.array(z.union([stockItemSchema, z.object({}), z.null()])),
});
export type StockItemNode = z.infer<typeof stockItemSchema>;

export const setQuantitiesSchema = z.object({
  inventorySetQuantities: z
    .object({
      inventoryAdjustmentGroup: z.object({ id: z.string() }).nullish(),
      userErrors: z.array(
        z.object({ code: z.string().nullish(), field: z.array(z.string()).nullish(), message: z.string() }),
      ),
    })
    .nullable(),
});
export type SetQuantitiesUserError = NonNullable<
  z.infer<typeof setQuantitiesSchema>["inventorySetQuantities"]
>["userErrors"][number];
