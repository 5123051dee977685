import { and, eq, notInArray } from "drizzle-orm";
import type { Db } from "../../db/engine.ts";
import { type MovementReason, stockMovements } from "./schema.ts";

/** Movements that follow orders; they move stock that was counted elsewhere, they never count it. */
const ORDER_FLOW: MovementReason[] = ["order", "ship", "cancel", "refund-restock"];

/**
 * Whether anyone has counted the account's stock yet: a channel's initial stock, a product import
 * with quantities, a set, an adjustment, a receipt or a transfer. A new channel's stock becomes the
 * starting point only while this is false, so pairing a second channel never overwrites counts
 * another channel or a person already set. Orders alone (an order backfill) do not count.
 */
export async function accountHasStock(db: Db, accountId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: stockMovements.id })
    .from(stockMovements)
    .where(and(eq(stockMovements.accountId, accountId), notInArray(stockMovements.reason, ORDER_FLOW)))
    .limit(1);
  return row !== undefined;
}
