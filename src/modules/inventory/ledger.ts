import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/engine.ts";
import { AppError } from "../../lib/errors.ts";
import { appendEvents } from "../events/events.ts";
import { type MovementReason, stockLevels, stockMovements } from "./schema.ts";

export type Movement = typeof stockMovements.$inferSelect;

export type MovementInput = {
  accountId: string;
  productId: string;
  sku: string;
  warehouseId: string;
  onHandDelta: number;
  reservedDelta: number;
  reason: MovementReason;
  idempotencyKey: string;
  referenceType?: string;
  referenceId?: string;
  payloadHash?: string;
  note?: string;
  actor?: string;
  /** Products that allow backorders may go below zero available without being flagged. */
  allowBackorder: boolean;
};

export type Level = { onHand: number; reserved: number };

export async function findMovement(
  tx: Db,
  accountId: string,
  idempotencyKey: string,
): Promise<Movement | undefined> {
  const [row] = await tx
    .select()
    .from(stockMovements)
    .where(and(eq(stockMovements.accountId, accountId), eq(stockMovements.idempotencyKey, idempotencyKey)));
  return row;
}

/**
 * Locks the (product, warehouse) level row, creating it at zero when new. Every movement on one
 * SKU and warehouse goes through this lock, so concurrent writers serialise instead of losing updates.
 */
export async function lockLevel(
  tx: Db,
  accountId: string,
  productId: string,
  warehouseId: string,
): Promise<Level> {
  await tx.insert(stockLevels).values({ accountId, productId, warehouseId }).onConflictDoNothing();
  const [row] = await tx
    .select({ onHand: stockLevels.onHand, reserved: stockLevels.reserved })
    .from(stockLevels)
    .where(and(eq(stockLevels.productId, productId), eq(stockLevels.warehouseId, warehouseId)))
    .for("update");
  return row!;
}

/**
 * Applies one ledger movement inside the caller's transaction: the level row and the ledger row
 * change together, and a `stock.changed` event is written. A key already used returns the first
 * movement unchanged (`replayed`), which makes every caller idempotent by construction.
 */
export async function applyMovement(
  tx: Db,
  input: MovementInput,
): Promise<{ movement: Movement; replayed: boolean }> {
  const earlier = await findMovement(tx, input.accountId, input.idempotencyKey);
  if (earlier) return { movement: earlier, replayed: true };
  const level = await lockLevel(tx, input.accountId, input.productId, input.warehouseId);
  // A concurrent writer with the same key may have committed while we waited for the lock.
  const raced = await findMovement(tx, input.accountId, input.idempotencyKey);
  if (raced) return { movement: raced, replayed: true };

  const onHand = level.onHand + input.onHandDelta;
  const reserved = level.reserved + input.reservedDelta;
  if (reserved < 0) {
    throw new AppError(
      "unexpected_state",
      "reservation_underflow",
      `reserved stock of ${input.sku} would go below zero`,
    );
  }
  const availableBefore = level.onHand - level.reserved;
  const availableAfter = onHand - reserved;
  const oversold = !input.allowBackorder && availableAfter < 0 && availableAfter < availableBefore;

  await tx
    .update(stockLevels)
    .set({ onHand, reserved, updatedAt: new Date() })
    .where(and(eq(stockLevels.productId, input.productId), eq(stockLevels.warehouseId, input.warehouseId)));
  const [movement] = await tx
    .insert(stockMovements)
    .values({
      accountId: input.accountId,
      productId: input.productId,
      warehouseId: input.warehouseId,
      onHandDelta: input.onHandDelta,
      reservedDelta: input.reservedDelta,
      onHandAfter: onHand,
      reservedAfter: reserved,
      reason: input.reason,
      referenceType: input.referenceType ?? null,
      referenceId: input.referenceId ?? null,
      idempotencyKey: input.idempotencyKey,
      payloadHash: input.payloadHash ?? null,
      oversold,
      note: input.note ?? null,
      actor: input.actor ?? null,
    })
    .returning();
  const payload = {
    sku: input.sku,
    productId: input.productId,
    warehouseId: input.warehouseId,
    reason: input.reason,
    onHandDelta: input.onHandDelta,
    reservedDelta: input.reservedDelta,
    onHand,
    reserved,
    available: availableAfter,
    movementId: movement!.id,
  };
  await appendEvents(tx, [
    { accountId: input.accountId, type: "stock.changed", subject: input.sku, payload },
    ...(oversold
      ? [{ accountId: input.accountId, type: "stock.oversold", subject: input.sku, payload }]
      : []),
  ]);
  return { movement: movement!, replayed: false };
}

/** Sum of the ledger for one level — what `stock_levels` must always equal (used by checks and tests). */
export async function ledgerTotals(db: Db, productId: string, warehouseId: string): Promise<Level> {
  const [row] = await db
    .select({
      onHand: sql<number>`coalesce(sum(${stockMovements.onHandDelta}), 0)::int`,
      reserved: sql<number>`coalesce(sum(${stockMovements.reservedDelta}), 0)::int`,
    })
    .from(stockMovements)
    .where(and(eq(stockMovements.productId, productId), eq(stockMovements.warehouseId, warehouseId)));
  return row ?? { onHand: 0, reserved: 0 };
}
