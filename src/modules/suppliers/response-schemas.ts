import { z } from "zod";

/**
 * What the supply-needs and purchase-order routes answer: Fastify serialises each reply through
 * these, so a field not listed here never leaves the hub.
 */

export const supplyNeedResponse = z.object({
  productId: z.string(),
  sku: z.string(),
  supplierId: z.string(),
  supplier: z.string(),
  supplierSku: z.string(),
  /** The planner's average daily sales, to 2 decimals. */
  salesPerDay: z.number(),
  leadTimeDays: z.number(),
  safetyDays: z.number(),
  reviewDays: z.number(),
  available: z.number(),
  onOrder: z.number(),
  minOrderQuantity: z.number(),
  orderMultiple: z.number(),
  reorderPoint: z.number(),
  quantity: z.number(),
  cost: z.number().nullable(),
  currency: z.string(),
  explanation: z.string(),
});

export const listSupplyNeedsResponse = z.object({
  items: z.array(supplyNeedResponse),
  nextCursor: z.string().nullable(),
});

const purchaseOrderLineResponse = z.object({
  id: z.string(),
  productId: z.string(),
  sku: z.string().nullable(),
  supplierSku: z.string().nullable(),
  quantity: z.number(),
  received: z.number(),
  open: z.number(),
  cost: z.number().nullable(),
});

const purchaseOrderFields = {
  id: z.string(),
  number: z.string(),
  supplierId: z.string(),
  supplier: z.string().nullable(),
  status: z.enum(["draft", "sent", "partially_received", "received", "cancelled"]),
  currency: z.string(),
  note: z.string().nullable(),
  sentAt: z.string().nullable(),
  emailedTo: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  lines: z.array(purchaseOrderLineResponse),
};

const receiptResponse = z.object({
  id: z.string(),
  receiptKey: z.string(),
  warehouseId: z.string(),
  lines: z.array(z.object({ productId: z.string(), sku: z.string().nullable(), quantity: z.number() })),
  receivedAt: z.string(),
});

export const purchaseOrderResponse = z.object({
  ...purchaseOrderFields,
  receipts: z.array(receiptResponse),
});

export const listPurchaseOrdersResponse = z.object({
  items: z.array(z.object(purchaseOrderFields)),
  nextCursor: z.string().nullable(),
});

export const createPurchaseOrdersFromNeedsResponse = z.object({ items: z.array(purchaseOrderResponse) });

export const sendPurchaseOrderResponse = purchaseOrderResponse;

export const receivePurchaseOrderResponse = z.object({
  receipt: receiptResponse,
  purchaseOrder: purchaseOrderResponse,
});
