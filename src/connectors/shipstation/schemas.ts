import { z } from "zod";
import { nullableTexts } from "../kit/schemas.ts";

/** The fields of ShipStation v1's answers the connector reads; everything else passes through unread. */

const money = z.number().nullish();

export const storeSchema = z.object({
  storeId: z.number().int(),
  storeName: z.string(),
  marketplaceName: z.string().nullish(),
  active: z.boolean(),
});
export type SsStore = z.infer<typeof storeSchema>;

export const addressSchema = nullableTexts(
  ...["name", "street1", "street2", "city", "state", "postalCode", "country"],
);

export const orderItemSchema = z.object({
  orderItemId: z.number().int(),
  sku: z.string().nullish(),
  name: z.string().nullish(),
  quantity: z.number().int(),
  unitPrice: money,
  taxAmount: money,
  /** A discount or fee line, not goods. */
  adjustment: z.boolean().nullish(),
});

export const orderSchema = z.object({
  orderId: z.number().int(),
  orderNumber: z.string(),
  orderDate: z.string(),
  modifyDate: z.string(),
  paymentDate: z.string().nullish(),
  orderStatus: z.string(),
  customerEmail: z.string().nullish(),
  billTo: addressSchema.nullish(),
  shipTo: addressSchema.nullish(),
  items: z.array(orderItemSchema).default([]),
  orderTotal: money,
  taxAmount: money,
  shippingAmount: money,
  advancedOptions: z.object({ storeId: z.number().int().nullish() }).partial().nullish(),
});
export type SsOrder = z.infer<typeof orderSchema>;

export const orderPageSchema = z.object({
  orders: z.array(orderSchema),
  total: z.number().int(),
  page: z.number().int(),
  pages: z.number().int(),
});

export const shipmentSchema = z.object({
  shipmentId: z.number().int(),
  orderId: z.number().int(),
  trackingNumber: z.string().nullish(),
  carrierCode: z.string().nullish(),
  voided: z.boolean().nullish(),
});

export const shipmentPageSchema = z.object({
  shipments: z.array(shipmentSchema),
  total: z.number().int(),
  page: z.number().int(),
  pages: z.number().int(),
});

export const webhookListSchema = z.object({
  webhooks: z.array(z.object({ WebHookID: z.number().int(), HookType: z.string(), Url: z.string() })),
});

export const markShippedSchema = z.object({ orderId: z.number().int(), orderNumber: z.string().nullish() });
