import { z } from "zod";
import { nullableTexts } from "../kit/schemas.ts";

/** The fields of BigCommerce's answers the connector reads; everything else passes through unread. */

const id = z.number().int();
const nullableText = z.string().nullish();

export const storeSchema = z.object({ name: z.string(), currency: z.string().optional() });

export const paginationSchema = z.object({
  pagination: z.object({ total: z.number(), current_page: z.number(), total_pages: z.number() }),
});

export const v3List = <T extends z.ZodTypeAny>(item: T) =>
  z.object({ data: z.array(item), meta: paginationSchema.partial().passthrough() });

export const variantSchema = z.object({
  id,
  product_id: id,
  sku: nullableText,
  price: z.number().nullish(),
  upc: nullableText,
  gtin: nullableText,
  option_values: z.array(z.object({ label: z.string(), option_display_name: z.string() })).default([]),
});
export type BcVariant = z.infer<typeof variantSchema>;

export const productSchema = z.object({
  id,
  name: z.string(),
  sku: nullableText,
  price: z.number().nullish(),
  inventory_tracking: z.enum(["none", "product", "variant"]),
  date_modified: z.string(),
  custom_fields: z.array(z.object({ name: z.string(), value: z.string() })).default([]),
  variants: z.array(variantSchema).default([]),
});
export type BcProduct = z.infer<typeof productSchema>;

export const locationSchema = z.object({ id, label: z.string(), enabled: z.boolean() });

export const inventoryItemSchema = z.object({
  identity: z.object({ sku: nullableText, variant_id: id.nullish(), product_id: id }),
  locations: z.array(z.object({ location_id: id, total_inventory_onhand: z.number() })),
});

const money = z.union([z.string(), z.number()]);

export const addressSchema = nullableTexts(
  ...["first_name", "last_name", "street_1", "street_2", "city", "state", "zip", "country"],
  ...["country_iso2", "email"],
);

export const orderSchema = z.object({
  id,
  date_created: z.string(),
  date_modified: z.string(),
  status_id: z.number(),
  subtotal_ex_tax: money,
  base_shipping_cost: money.optional(),
  shipping_cost_ex_tax: money.optional(),
  total_inc_tax: money,
  total_tax: money,
  discount_amount: money.optional(),
  coupon_discount: money.optional(),
  currency_code: z.string(),
  payment_status: z.string().nullish(),
  billing_address: addressSchema.nullish(),
});
export type BcOrder = z.infer<typeof orderSchema>;

export const orderProductSchema = z.object({
  id,
  product_id: z.number(),
  variant_id: z.number().nullish(),
  order_address_id: z.number().nullish(),
  name: z.string(),
  sku: nullableText,
  price_ex_tax: money,
  total_ex_tax: money.optional(),
  total_inc_tax: money.optional(),
  quantity: z.number(),
});
export type BcOrderProduct = z.infer<typeof orderProductSchema>;

export const shippingAddressSchema = addressSchema.extend({ id });
export type BcShippingAddress = z.infer<typeof shippingAddressSchema>;

export const refundSchema = z.object({
  id,
  order_id: id,
  created: z.string(),
  reason: nullableText,
  total_amount: z.number(),
  items: z
    .array(z.object({ item_type: z.string(), item_id: z.number(), quantity: z.number().nullish() }))
    .default([]),
});
export type BcRefund = z.infer<typeof refundSchema>;

export const shipmentSchema = z.object({ id });

export const hookSchema = z.object({
  id,
  scope: z.string(),
  destination: z.string(),
  is_active: z.boolean(),
});
