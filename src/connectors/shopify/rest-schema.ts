import { z } from "zod";

/**
 * Edge schemas for REST resources as webhooks deliver them (snake_case, numeric ids, money as
 * decimal strings). Tolerant: older payloads and docs examples lack many fields.
 */

const id = z.union([z.number(), z.string()]);
const decimal = z.union([z.string(), z.number()]);
const moneySet = z.object({ shop_money: z.object({ amount: decimal }).nullish() }).nullish();
const taxLine = z.object({ price: decimal.nullish(), price_set: moneySet });

const restLineSchema = z.object({
  id,
  admin_graphql_api_id: z.string().nullish(),
  sku: z.string().nullish(),
  name: z.string().nullish(),
  title: z.string().nullish(),
  variant_title: z.string().nullish(),
  quantity: z.number().int(),
  price: decimal,
  price_set: moneySet,
  total_discount: decimal.nullish(),
  discount_allocations: z.array(z.object({ amount: decimal.nullish() })).nullish(),
  tax_lines: z.array(taxLine).nullish(),
});
export type RestLine = z.infer<typeof restLineSchema>;

export const restRefundSchema = z.object({
  id,
  admin_graphql_api_id: z.string().nullish(),
  order_id: id.nullish(),
  created_at: z.string().nullish(),
  processed_at: z.string().nullish(),
  note: z.string().nullish(),
  refund_line_items: z
    .array(
      z.object({
        line_item_id: id,
        quantity: z.number().int(),
        restock_type: z.string().nullish(),
        line_item: z
          .object({ sku: z.string().nullish(), admin_graphql_api_id: z.string().nullish() })
          .nullish(),
      }),
    )
    .nullish(),
  transactions: z
    .array(z.object({ kind: z.string().nullish(), status: z.string().nullish(), amount: decimal.nullish() }))
    .nullish(),
});
export type RestRefund = z.infer<typeof restRefundSchema>;

const restAddressSchema = z.object({
  name: z.string().nullish(),
  first_name: z.string().nullish(),
  last_name: z.string().nullish(),
  address1: z.string().nullish(),
  address2: z.string().nullish(),
  city: z.string().nullish(),
  province: z.string().nullish(),
  province_code: z.string().nullish(),
  country: z.string().nullish(),
  country_code: z.string().nullish(),
  zip: z.string().nullish(),
});

export const restOrderSchema = z.object({
  id,
  admin_graphql_api_id: z.string().nullish(),
  name: z.string().nullish(),
  order_number: z.number().nullish(),
  created_at: z.string(),
  updated_at: z.string().nullish(),
  processed_at: z.string().nullish(),
  cancelled_at: z.string().nullish(),
  currency: z.string(),
  email: z.string().nullish(),
  contact_email: z.string().nullish(),
  financial_status: z.string().nullish(),
  fulfillment_status: z.string().nullish(),
  subtotal_price: decimal.nullish(),
  total_discounts: decimal.nullish(),
  total_tax: decimal.nullish(),
  total_price: decimal,
  total_shipping_price_set: moneySet,
  shipping_lines: z.array(z.object({ price: decimal.nullish(), price_set: moneySet })).nullish(),
  customer: z
    .object({
      first_name: z.string().nullish(),
      last_name: z.string().nullish(),
      email: z.string().nullish(),
    })
    .nullish(),
  shipping_address: restAddressSchema.nullish(),
  location_id: id.nullish(),
  fulfillments: z.array(z.object({ location_id: id.nullish(), status: z.string().nullish() })).nullish(),
  line_items: z.array(restLineSchema),
  refunds: z.array(restRefundSchema).nullish(),
});
export type RestOrder = z.infer<typeof restOrderSchema>;

export const restInventoryLevelSchema = z.object({
  inventory_item_id: id,
  location_id: id,
  available: z.number().int().nullish(),
  updated_at: z.string().nullish(),
});

/** Any REST resource: enough to name the object an event is about. */
export const restResourceSchema = z.object({
  id: id.nullish(),
  admin_graphql_api_id: z.string().nullish(),
  order_id: id.nullish(),
  updated_at: z.string().nullish(),
  created_at: z.string().nullish(),
});

/** products/create and products/update: only what tells whether the catalogue changed. */
export const restProductSchema = z.object({
  id,
  admin_graphql_api_id: z.string().nullish(),
  variants: z.array(
    z.object({
      id,
      admin_graphql_api_id: z.string().nullish(),
      sku: z.string().nullish(),
      inventory_item_id: id.nullish(),
      /** "shopify" when Shopify tracks the item's stock; null when nobody does. */
      inventory_management: z.string().nullish(),
    }),
  ),
});
