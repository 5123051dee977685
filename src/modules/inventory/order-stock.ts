import type { Db } from "../../db/engine.ts";
import { applyMovement, lockLevel } from "./ledger.ts";

/** The product facts stock operations need; callers pass what they already loaded. */
export type StockItem = {
  accountId: string;
  productId: string;
  sku: string;
  allowBackorder: boolean;
  warehouseId: string;
};
type Ref = { key: string; referenceType: string; referenceId: string; actor?: string };

/**
 * Reserves up to `quantity` for an order line: all of it when the product allows backorders,
 * otherwise what is available; the rest is returned as backordered for a person to see.
 */
export async function reserve(
  tx: Db,
  item: StockItem,
  quantity: number,
  ref: Ref,
): Promise<{ reserved: number; backordered: number }> {
  const level = await lockLevel(tx, item.accountId, item.productId, item.warehouseId);
  const available = Math.max(0, level.onHand - level.reserved);
  const reserved = item.allowBackorder ? quantity : Math.min(quantity, available);
  if (reserved > 0) {
    await applyMovement(tx, {
      ...item,
      ...ref,
      idempotencyKey: ref.key,
      onHandDelta: 0,
      reservedDelta: reserved,
      reason: "order",
    });
  }
  return { reserved, backordered: quantity - reserved };
}

/** Gives reserved units back to available (cancelled or refunded before shipping). */
export async function release(
  tx: Db,
  item: StockItem,
  quantity: number,
  ref: Ref,
  reason: "cancel" | "refund-restock" = "cancel",
): Promise<void> {
  if (quantity <= 0) return;
  await applyMovement(tx, {
    ...item,
    ...ref,
    idempotencyKey: ref.key,
    onHandDelta: 0,
    reservedDelta: -quantity,
    reason,
  });
}

/** Units leave the building: on-hand drops, and so does the reservation they consumed. */
export async function ship(
  tx: Db,
  item: StockItem,
  quantity: number,
  fromReserved: number,
  ref: Ref,
): Promise<void> {
  if (quantity <= 0) return;
  await applyMovement(tx, {
    ...item,
    ...ref,
    idempotencyKey: ref.key,
    onHandDelta: -quantity,
    reservedDelta: -fromReserved,
    reason: "ship",
  });
}

/** Units come back to on-hand (a refund with restock, or a return). */
export async function restock(
  tx: Db,
  item: StockItem,
  quantity: number,
  ref: Ref,
  reason: "refund-restock" | "return",
): Promise<void> {
  if (quantity <= 0) return;
  await applyMovement(tx, {
    ...item,
    ...ref,
    idempotencyKey: ref.key,
    onHandDelta: quantity,
    reservedDelta: 0,
    reason,
  });
}
