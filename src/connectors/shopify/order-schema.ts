import { z } from "zod";
import { pageInfoSchema } from "./catalog-schema.ts";

/** Edge schemas for GraphQL orders; see queries.ts for the selection they validate. */

const decimal = z.union([z.string(), z.number()]);
const moneyBagSchema = z.object({ shopMoney: z.object({ amount: decimal, currencyCode: z.string() }) });

export const lineSchema = z.object({
  id: z.string(),
  sku: z.string().nullish(),
  name: z.string(),
  quantity: z.number().int(),
  originalUnitPriceSet: moneyBagSchema,
  totalDiscountSet: moneyBagSchema.nullish(),
});
export type LineNode = z.infer<typeof lineSchema>;

export const refundLineSchema = z.object({
  quantity: z.number().int(),
  restockType: z.string().nullish(),
  lineItem: z.object({ id: z.string(), sku: z.string().nullish() }),
});
export type RefundLineNode = z.infer<typeof refundLineSchema>;

export const refundLinesSchema = z.object({ nodes: z.array(refundLineSchema), pageInfo: pageInfoSchema });

export const refundSchema = z.object({
  id: z.string(),
  createdAt: z.string().nullish(),
  note: z.string().nullish(),
  totalRefundedSet: moneyBagSchema,
  refundLineItems: refundLinesSchema,
});
export type RefundNode = z.infer<typeof refundSchema>;

export const linesSchema = z.object({ nodes: z.array(lineSchema), pageInfo: pageInfoSchema });

const addressSchema = z.object({
  name: z.string().nullish(),
  address1: z.string().nullish(),
  address2: z.string().nullish(),
  city: z.string().nullish(),
  province: z.string().nullish(),
  provinceCode: z.string().nullish(),
  country: z.string().nullish(),
  countryCodeV2: z.string().nullish(),
  zip: z.string().nullish(),
});

export const orderSchema = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  processedAt: z.string().nullish(),
  cancelledAt: z.string().nullish(),
  currencyCode: z.string(),
  email: z.string().nullish(),
  displayFinancialStatus: z.string().nullish(),
  displayFulfillmentStatus: z.string().nullish(),
  subtotalPriceSet: moneyBagSchema.nullish(),
  totalDiscountsSet: moneyBagSchema.nullish(),
  totalTaxSet: moneyBagSchema.nullish(),
  totalShippingPriceSet: moneyBagSchema.nullish(),
  totalPriceSet: moneyBagSchema,
  // `Customer.email` is deprecated; the address lives in `defaultEmailAddress`.
  customer: z
    .object({
      displayName: z.string().nullish(),
      defaultEmailAddress: z.object({ emailAddress: z.string().nullish() }).nullish(),
    })
    .nullish(),
  shippingAddress: addressSchema.nullish(),
  fulfillmentOrders: z
    .object({
      nodes: z.array(
        z.object({
          assignedLocation: z.object({ location: z.object({ id: z.string() }).nullish() }).nullish(),
        }),
      ),
    })
    .nullish(),
  lineItems: linesSchema,
  refunds: z.array(refundSchema),
});
export type OrderNode = z.infer<typeof orderSchema>;

export const ordersSchema = z.object({
  orders: z.object({ nodes: z.array(orderSchema), pageInfo: pageInfoSchema }),
});
export const oneOrderSchema = z.object({ order: orderSchema.nullable() });
export const orderLinesSchema = z.object({ order: z.object({ lineItems: linesSchema }).nullable() });
export const refundLinesPageSchema = z.object({
  node: z.object({ refundLineItems: refundLinesSchema.optional() }).nullable(),
});
export const orderRefundsSchema = z.object({
  order: z.object({ refunds: z.array(refundSchema) }).nullable(),
});

export const ordersCountSchema = z.object({
  ordersCount: z.object({ count: z.number().int(), precision: z.string().nullish() }).nullable(),
});
