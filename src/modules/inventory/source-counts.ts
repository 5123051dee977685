import type { Db } from "../../db/engine.ts";
import { inTransaction } from "../../db/tx.ts";
import { applyMovements, levelKey, lockLevels, type MovementInput } from "./ledger.ts";

/** One item's count from the system of record (R-SYNC-8), for a product the hub knows. */
export type SourceCount = { productId: string; sku: string; allowBackorder: boolean; count: number };

export type SourceCountResult = {
  productId: string;
  sku: string;
  onHandBefore: number;
  onHandAfter: number;
  /**
   * True when on-hand is now below zero: the source counts fewer than the hub has sold since. It is
   * kept below zero (issue 19): raising it to 0 would hide the oversell from the ledger and the
   * product page. Channels are still sent 0 (stock-export never pushes a negative).
   */
  belowZero: boolean;
};

export type SourceCountOptions = {
  /** Idempotency keys are `<keyPrefix>:<sku>`: a retried run replays instead of moving twice. */
  keyPrefix: string;
  referenceType: string;
  referenceId: string;
  note: string;
  /**
   * What to add to each count before it becomes on-hand (sales the source does not know about
   * yet, and the like). Called after the levels are locked, so orders arriving meanwhile wait
   * and cannot make the offset stale. Missing products get zero.
   */
  offsets(tx: Db, productIds: string[]): Promise<Map<string, number>>;
};

/**
 * Sets on-hand in one warehouse from an outside system of record's counts, as `books` movements.
 * A count is the truth, so it is recorded even when it leaves less than is reserved, or on-hand
 * below zero (the ledger flags that as oversold). Products whose on-hand already matches get no
 * movement.
 */
export async function applySourceCounts(
  db: Db,
  accountId: string,
  warehouseId: string,
  counts: SourceCount[],
  options: SourceCountOptions,
): Promise<SourceCountResult[]> {
  if (counts.length === 0) return [];
  return inTransaction(db, async (tx) => {
    const keys = counts.map((c) => ({ productId: c.productId, warehouseId }));
    const levels = await lockLevels(tx, accountId, keys);
    const offsets = await options.offsets(
      tx,
      counts.map((c) => c.productId),
    );
    const results: SourceCountResult[] = [];
    const movements: MovementInput[] = [];
    for (const c of counts) {
      const before = levels.get(levelKey({ productId: c.productId, warehouseId }))!.onHand;
      const after = c.count + (offsets.get(c.productId) ?? 0);
      results.push({
        productId: c.productId,
        sku: c.sku,
        onHandBefore: before,
        onHandAfter: after,
        belowZero: after < 0,
      });
      if (after === before) continue;
      movements.push({
        accountId,
        productId: c.productId,
        sku: c.sku,
        warehouseId,
        onHandDelta: after - before,
        reservedDelta: 0,
        reason: "books",
        idempotencyKey: `${options.keyPrefix}:${c.sku}`,
        referenceType: options.referenceType,
        referenceId: options.referenceId,
        note: options.note,
        allowBackorder: c.allowBackorder,
      });
    }
    const applied = await applyMovements(tx, accountId, movements);
    // A replayed key (the same run retried) keeps its first movement: report what the ledger holds.
    for (const { movement, replayed } of applied) {
      if (!replayed) continue;
      const result = results.find((r) => r.productId === movement.productId);
      if (result) result.onHandAfter = movement.onHandAfter;
    }
    return results;
  });
}
