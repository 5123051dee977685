import { z } from "zod";
import { isCurrencyCode } from "../../lib/money.ts";

const minor = z.number().int().min(0);

export const orderLineInput = z.strictObject({
  sku: z.string().trim().min(1).max(255),
  name: z.string().max(500).optional(),
  quantity: z.number().int().min(1, "quantity must be at least 1").max(1_000_000),
  unitPriceMinor: minor,
  discountMinor: minor.optional(),
  taxMinor: minor.optional(),
  platformLineId: z.string().max(255).optional(),
});

export const addressInput = z.strictObject({
  name: z.string().max(300).optional(),
  line1: z.string().max(300).optional(),
  line2: z.string().max(300).optional(),
  city: z.string().max(200).optional(),
  state: z.string().max(100).optional(),
  postalCode: z.string().max(40).optional(),
  country: z.string().max(2).optional(),
});

/** An order as a channel (or a script) reports it; money in minor units of `currency`. */
export const orderInput = z.strictObject({
  connectionId: z.uuid().nullable().optional(),
  platformOrderId: z.string().trim().min(1).max(255),
  orderNumber: z.string().max(100).optional(),
  placedAt: z.coerce.date(),
  currency: z.string().refine(isCurrencyCode, "must be an ISO 4217 code like USD"),
  lines: z.array(orderLineInput).min(1, "an order needs at least one line").max(1000),
  subtotalMinor: minor.optional(),
  discountMinor: minor.optional(),
  taxMinor: minor.optional(),
  shippingMinor: minor.optional(),
  totalMinor: minor.optional(),
  customer: z
    .strictObject({ name: z.string().max(300).optional(), email: z.string().max(320).optional() })
    .optional(),
  shippingAddress: addressInput.optional(),
  channelStatus: z.string().max(100).optional(),
  financialStatus: z.string().max(100).optional(),
  cancelled: z.boolean().optional(),
  platformUpdatedAt: z.coerce.date().optional(),
  warehouseId: z.uuid().optional(),
});
export type OrderInput = z.infer<typeof orderInput>;
