import { z } from "zod";
import { defineEvent } from "../events/index.ts";
import { orderStatuses } from "./schema.ts";

/**
 * Set on events of what a backfill brought from before the hub was watching (sync/history.ts):
 * they count, but notifications stay quiet about them.
 */
const historical = z.boolean().optional();

/** The channel connection an order came from; null for orders entered through the API. */
const connectionId = z.string().nullable();

const orderPayload = z.object({
  orderId: z.string(),
  orderNumber: z.string(),
  connectionId,
  totalMinor: z.number().int(),
  currency: z.string(),
  placedAt: z.iso.datetime(),
  customerEmail: z.string().nullable(),
  lines: z.array(z.object({ sku: z.string(), quantity: z.number().int() })),
  backordered: z.boolean(),
  historical,
});

export const orderImported = defineEvent("order.imported", orderPayload);

/** An imported order that could not reserve all it asked for; same payload as `order.imported`. */
export const orderBackordered = defineEvent("order.backordered", orderPayload);

export const orderStatusChanged = defineEvent(
  "order.status_changed",
  z.object({
    orderId: z.string(),
    /** Absent when a channel's status change moved the order's channel status only. */
    from: z.enum(orderStatuses).optional(),
    status: z.enum(orderStatuses),
    /** Who changed it by hand, or "channel" for a cancellation the channel reported. */
    by: z.string().optional(),
    connectionId,
    channelStatus: z.string().nullable().optional(),
    financialStatus: z.string().nullable().optional(),
    historical,
  }),
);

export const refundRecorded = defineEvent(
  "refund.recorded",
  z.object({
    orderId: z.string(),
    orderNumber: z.string(),
    refundId: z.string(),
    connectionId,
    amountMinor: z.number().int(),
    currency: z.string(),
    lines: z.array(z.object({ sku: z.string(), quantity: z.number().int(), restock: z.boolean() })),
    historical,
  }),
);

export const shipmentCreated = defineEvent(
  "shipment.created",
  z.object({
    orderId: z.string(),
    shipmentId: z.string(),
    connectionId,
    carrier: z.string().nullable(),
    trackingNumber: z.string().nullable(),
    trackingUrl: z.string().nullable(),
    historical,
  }),
);

/** The year's order downloads reached 80 or 100 per cent of the account's allotment (once a year each). */
export const allotmentThresholdReached = defineEvent(
  "orders.allotment_threshold",
  z.object({
    year: z.number().int(),
    threshold: z.union([z.literal(80), z.literal(100)]),
    used: z.number().int(),
    allotment: z.number().int(),
  }),
);
