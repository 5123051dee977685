import { z } from "zod";

/** What this module's routes answer: Fastify serialises each reply through these, so a field not listed here never leaves the hub. */

export const listOrdersResponse = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      connectionId: z.string().nullable(),
      platformOrderId: z.string(),
      orderNumber: z.string(),
      placedAt: z.string(),
      status: z.enum([
        "pending",
        "processing",
        "shipped",
        "completed",
        "cancelled",
        "refunded",
        "partially_refunded",
      ]),
      channelStatus: z.string().nullable(),
      financialStatus: z.string().nullable(),
      currency: z.string(),
      totalMinor: z.number(),
      refundedMinor: z.number(),
      customerName: z.string().nullable(),
      customerEmail: z.string().nullable(),
      shipState: z.string().nullable(),
      shipCountry: z.string().nullable(),
      backordered: z.boolean(),
      historical: z.boolean(),
    }),
  ),
  nextCursor: z.string().nullable(),
});

export const getSalesReportResponse = z.object({
  timezone: z.string(),
  from: z.string(),
  to: z.string(),
  items: z.array(
    z.object({
      day: z.string(),
      connectionId: z.string().nullable(),
      connectionName: z.string(),
      orders: z.number(),
      revenueMinor: z.number(),
      refundedMinor: z.number(),
      currency: z.string(),
    }),
  ),
});

export const importOrderResponse = z.object({
  orderId: z.string(),
  outcome: z.enum(["updated", "created", "unchanged", "stale"]),
  backordered: z.boolean(),
});

export const getOrderResponse = z.object({
  subtotalMinor: z.number(),
  discountMinor: z.number(),
  taxMinor: z.number(),
  shippingMinor: z.number(),
  warehouseId: z.string(),
  shippingAddress: z.object({
    name: z.string().nullable(),
    line1: z.string().nullable(),
    line2: z.string().nullable(),
    city: z.string().nullable(),
    state: z.string().nullable(),
    postalCode: z.string().nullable(),
    country: z.string().nullable(),
  }),
  lines: z.array(
    z.object({
      id: z.string(),
      lineNo: z.number(),
      sku: z.string(),
      name: z.string(),
      quantity: z.number(),
      unitPriceMinor: z.number(),
      discountMinor: z.number(),
      taxMinor: z.number(),
      reservedQty: z.number(),
      backorderedQty: z.number(),
      shippedQty: z.number(),
      refundedQty: z.number(),
      restockedQty: z.number(),
      cancelledQty: z.number(),
    }),
  ),
  refunds: z.array(
    z.object({
      id: z.string(),
      platformRefundId: z.string().nullable(),
      amountMinor: z.number(),
      currency: z.string(),
      reason: z.string().nullable(),
      refundedAt: z.string(),
      lines: z.array(
        z.object({ sku: z.string(), quantity: z.number(), amountMinor: z.number(), restock: z.boolean() }),
      ),
    }),
  ),
  shipments: z.array(
    z.object({
      id: z.string(),
      platformShipmentId: z.string().nullable(),
      carrier: z.string().nullable(),
      trackingNumber: z.string().nullable(),
      trackingUrl: z.string().nullable(),
      shippedAt: z.string(),
      lines: z.array(z.object({ sku: z.string(), quantity: z.number() })),
    }),
  ),
  id: z.string(),
  connectionId: z.string().nullable(),
  platformOrderId: z.string(),
  orderNumber: z.string(),
  placedAt: z.string(),
  status: z.enum([
    "pending",
    "processing",
    "shipped",
    "completed",
    "cancelled",
    "refunded",
    "partially_refunded",
  ]),
  channelStatus: z.string().nullable(),
  financialStatus: z.string().nullable(),
  currency: z.string(),
  totalMinor: z.number(),
  refundedMinor: z.number(),
  customerName: z.string().nullable(),
  customerEmail: z.string().nullable(),
  shipState: z.string().nullable(),
  shipCountry: z.string().nullable(),
  backordered: z.boolean(),
  historical: z.boolean(),
});

export const setOrderStatusResponse = z.object({
  status: z.enum([
    "pending",
    "processing",
    "shipped",
    "completed",
    "cancelled",
    "refunded",
    "partially_refunded",
  ]),
  changed: z.boolean(),
});

export const createShipmentResponse = z.object({ shipmentId: z.string(), replayed: z.boolean() });

export const createRefundResponse = z.object({ refundId: z.string(), replayed: z.boolean() });

export const getOrderUsageResponse = z.object({
  year: z.number().int(),
  timezone: z.string(),
  from: z.string(),
  to: z.string(),
  used: z.number().int(),
  allotment: z.number().int().nullable(),
  percent: z.number().int().nullable(),
  reached: z.boolean(),
  months: z.array(z.object({ month: z.string(), orders: z.number().int() })),
});
