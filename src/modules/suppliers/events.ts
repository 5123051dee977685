import { z } from "zod";
import { defineEvent } from "../events/index.ts";

/** A purchase order's last open line arrived: everything ordered is in stock (issue 22). */
export const purchaseOrderReceived = defineEvent(
  "purchase_order.received",
  z.object({
    purchaseOrderId: z.string(),
    /** The number people quote (PO-1A2B3C4D). */
    number: z.string(),
    supplierId: z.string(),
    supplier: z.string(),
    /** Lines and units of the whole order, over all its receipts. */
    lines: z.number().int(),
    units: z.number().int(),
    receipts: z.number().int(),
    /** The warehouse of the receipt that completed it. */
    warehouseId: z.string(),
  }),
);
