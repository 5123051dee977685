import { createHash } from "node:crypto";
import type { Db } from "../../db/engine.ts";
import { inTransaction } from "../../db/tx.ts";
import { AppError, conflict, invalid } from "../../lib/errors.ts";
import { getProductBySku } from "../catalog/index.ts";
import { applyMovement, findMovement, lockLevel } from "./ledger.ts";
import type { MovementReason } from "./schema.ts";
import { type MovementView, movementView } from "./stock.ts";
import { resolveWarehouse } from "./warehouses.ts";

export const adjustmentReasons = ["adjustment", "set", "purchase-receipt", "return", "import"] as const;
export type AdjustmentReason = (typeof adjustmentReasons)[number];

export type AdjustmentInput = {
  sku: string;
  delta?: number;
  set?: number;
  reason?: AdjustmentReason;
  warehouseId?: string;
  idempotencyKey: string;
  note?: string;
};

export type AdjustmentResult = { replayed: boolean; movement: MovementView };

function hashOf(value: unknown): string {
  return createHash("sha256").update(JSON.stringify(value)).digest("hex");
}

/**
 * A person's or a script's stock change: a delta (refused if it would sell stock that is not
 * there) or a counted quantity (`set`, always recorded — a count is the truth — and flagged when
 * it leaves less than is reserved). Keyed by the caller's idempotency key.
 */
export async function adjustStock(
  db: Db,
  accountId: string,
  input: AdjustmentInput,
  actor?: string,
): Promise<AdjustmentResult> {
  if ((input.delta === undefined) === (input.set === undefined))
    throw invalid("delta_or_set_required", "give exactly one of delta or set");
  const reason: MovementReason = input.reason ?? (input.set !== undefined ? "set" : "adjustment");
  // A platform's count can be below zero (sold more than it had); importing it as 0 would hide the oversell.
  if (input.set !== undefined && input.set < 0 && reason !== "import")
    throw invalid("set_negative", "set must be zero or more (below zero only for an imported count)");
  if (input.delta === 0) throw invalid("delta_zero", "delta must not be zero");
  const key = `api:${input.idempotencyKey}`;
  return inTransaction(db, async (tx) => {
    const product = await getProductBySku(tx, accountId, input.sku);
    const warehouse = await resolveWarehouse(tx, accountId, input.warehouseId);
    const payloadHash = hashOf({
      sku: product.sku,
      warehouse: warehouse.id,
      delta: input.delta,
      set: input.set,
      reason,
      note: input.note ?? null,
    });
    const earlier = await findMovement(tx, accountId, key);
    if (earlier) {
      if (earlier.payloadHash !== payloadHash) {
        throw conflict(
          "idempotency_key_reused",
          `idempotency key "${input.idempotencyKey}" was already used for a different change`,
        );
      }
      return { replayed: true, movement: movementView(earlier, product.sku) };
    }
    const level = await lockLevel(tx, accountId, product.id, warehouse.id);
    const delta = input.set !== undefined ? input.set - level.onHand : input.delta!;
    const available = level.onHand - level.reserved;
    if (input.delta !== undefined && delta < 0 && available + delta < 0 && !product.allowBackorder) {
      throw new AppError(
        "conflict",
        "insufficient_stock",
        `only ${available} of ${product.sku} available in ${warehouse.name}`,
        { available },
      );
    }
    const { movement, replayed } = await applyMovement(tx, {
      accountId,
      productId: product.id,
      sku: product.sku,
      warehouseId: warehouse.id,
      onHandDelta: delta,
      reservedDelta: 0,
      reason,
      idempotencyKey: key,
      payloadHash,
      referenceType: "adjustment",
      ...(input.note ? { note: input.note } : {}),
      ...(actor ? { actor } : {}),
      allowBackorder: product.allowBackorder,
    });
    return { replayed, movement: movementView(movement, product.sku) };
  });
}

export type TransferInput = {
  sku: string;
  fromWarehouseId: string;
  toWarehouseId: string;
  quantity: number;
  idempotencyKey: string;
  note?: string;
};

/** Moves units between warehouses as two ledger rows in one transaction. */
export async function transferStock(db: Db, accountId: string, input: TransferInput, actor?: string) {
  if (input.fromWarehouseId === input.toWarehouseId)
    throw invalid("transfer_same_warehouse", "from and to warehouses must differ");
  const key = `transfer:${input.idempotencyKey}`;
  return inTransaction(db, async (tx) => {
    const product = await getProductBySku(tx, accountId, input.sku);
    const from = await resolveWarehouse(tx, accountId, input.fromWarehouseId);
    const to = await resolveWarehouse(tx, accountId, input.toWarehouseId);
    const payloadHash = hashOf({ sku: product.sku, from: from.id, to: to.id, quantity: input.quantity });
    const earlier = await findMovement(tx, accountId, `${key}:out`);
    if (earlier && earlier.payloadHash !== payloadHash) {
      throw conflict(
        "idempotency_key_reused",
        `idempotency key "${input.idempotencyKey}" was already used for a different transfer`,
      );
    }
    if (!earlier) {
      const level = await lockLevel(tx, accountId, product.id, from.id);
      if (level.onHand - level.reserved < input.quantity) {
        throw new AppError(
          "conflict",
          "insufficient_stock",
          `only ${level.onHand - level.reserved} of ${product.sku} available in ${from.name}`,
        );
      }
    }
    const common = {
      accountId,
      productId: product.id,
      sku: product.sku,
      reservedDelta: 0,
      reason: "transfer" as const,
      payloadHash,
      referenceType: "transfer",
      allowBackorder: product.allowBackorder,
      ...(input.note ? { note: input.note } : {}),
      ...(actor ? { actor } : {}),
    };
    const out = await applyMovement(tx, {
      ...common,
      warehouseId: from.id,
      onHandDelta: -input.quantity,
      idempotencyKey: `${key}:out`,
    });
    const into = await applyMovement(tx, {
      ...common,
      warehouseId: to.id,
      onHandDelta: input.quantity,
      idempotencyKey: `${key}:in`,
    });
    return {
      replayed: out.replayed,
      movements: [movementView(out.movement, product.sku), movementView(into.movement, product.sku)],
    };
  });
}
