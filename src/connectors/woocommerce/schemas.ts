import { z } from "zod";
import { decimalText as money, nullableTexts } from "../kit/schemas.ts";

/** The fields of WooCommerce REST v3 answers the connector reads; the rest passes through. */

export const variationSchema = z.object({
  id: z.number(),
  sku: z.string().nullable(),
  regular_price: money.nullable().optional(),
  /** true, false, or "parent" (stock kept on the parent product). */
  manage_stock: z.union([z.boolean(), z.literal("parent")]),
  status: z.string().optional(),
  weight: z.string().nullable().optional(),
  global_unique_id: z.string().nullable().optional(),
  date_modified_gmt: z.string().nullable(),
  attributes: z.array(z.object({ name: z.string(), option: z.string() })).default([]),
  image: z.object({ src: z.string() }).nullable().optional(),
});
export type WooVariation = z.infer<typeof variationSchema>;

export const productSchema = z.object({
  id: z.number(),
  name: z.string(),
  type: z.string(),
  status: z.string(),
  sku: z.string().nullable(),
  regular_price: money.nullable().optional(),
  manage_stock: z.boolean(),
  weight: z.string().nullable().optional(),
  global_unique_id: z.string().nullable().optional(),
  date_modified_gmt: z.string().nullable(),
  images: z.array(z.object({ src: z.string() })).default([]),
});
export type WooProduct = z.infer<typeof productSchema>;

/** `/products/{id}` answers for a product or a variation id alike. */
export const stockItemSchema = z.object({
  id: z.number(),
  sku: z.string().nullable(),
  manage_stock: z.union([z.boolean(), z.literal("parent")]),
  stock_quantity: z.number().nullable(),
});

const address = nullableTexts(
  ...["first_name", "last_name", "address_1", "address_2", "city", "state", "postcode", "country"],
  "email",
).nullish();
export type WooAddress = z.infer<typeof address>;

export const orderSchema = z.object({
  id: z.number(),
  number: z.string().optional(),
  status: z.string(),
  currency: z.string(),
  date_created_gmt: z.string().nullable(),
  date_modified_gmt: z.string().nullable(),
  date_paid_gmt: z.string().nullable().optional(),
  discount_total: money,
  shipping_total: money,
  total_tax: money,
  total: money,
  billing: address,
  shipping: address,
  line_items: z.array(
    z.object({
      id: z.number(),
      name: z.string(),
      product_id: z.number(),
      variation_id: z.number(),
      quantity: z.number(),
      subtotal: money,
      total: money,
      total_tax: money,
      sku: z.string().nullable(),
      price: z.union([z.number(), z.string()]).transform(Number),
    }),
  ),
  refunds: z.array(z.object({ id: z.number() })).default([]),
});
export type WooOrder = z.infer<typeof orderSchema>;

export const refundSchema = z.object({
  id: z.number(),
  date_created_gmt: z.string().nullable(),
  amount: money,
  reason: z.string().nullable().optional(),
  line_items: z.array(
    z.object({
      id: z.number(),
      sku: z.string().nullable(),
      quantity: z.number(),
      meta_data: z.array(z.object({ key: z.string(), value: z.unknown() })).default([]),
    }),
  ),
});
export type WooRefund = z.infer<typeof refundSchema>;

export const webhookSchema = z.object({
  id: z.number(),
  status: z.string(),
  topic: z.string(),
  delivery_url: z.string(),
});

export const batchAnswerSchema = z.object({
  update: z
    .array(
      z.object({
        id: z.number(),
        stock_quantity: z.number().nullable().optional(),
        error: z.object({ code: z.string(), message: z.string() }).optional(),
      }),
    )
    .default([]),
});
