import { z } from "zod";
import { defineEvent } from "../events/index.ts";
import { movementReasons } from "./schema.ts";

/** One stock movement of a product in a warehouse, with the level it left behind. */
const movementPayload = z.object({
  sku: z.string(),
  productId: z.string(),
  warehouseId: z.string(),
  reason: z.enum(movementReasons),
  onHandDelta: z.number().int(),
  reservedDelta: z.number().int(),
  onHand: z.number().int(),
  reserved: z.number().int(),
  available: z.number().int(),
  idempotencyKey: z.string(),
});

export const stockChanged = defineEvent("stock.changed", movementPayload);

/** A movement that took available stock below zero where the product allows no backorders. */
export const stockOversold = defineEvent("stock.oversold", movementPayload);
