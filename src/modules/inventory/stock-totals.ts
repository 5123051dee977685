import { sql } from "drizzle-orm";
import type { Db } from "../../db/engine.ts";
import { queryRows } from "../../db/rows.ts";
import { pgArray } from "../../db/sql.ts";

export type StockTotals = { onHand: number; reserved: number; available: number };

/**
 * On-hand, reserved and available of each product summed over all its warehouses, in one query
 * for the whole set. Products without stock rows are absent: their totals are zero.
 */
export async function stockTotals(db: Db, productIds: string[]): Promise<Map<string, StockTotals>> {
  if (productIds.length === 0) return new Map();
  const rows = await queryRows<{ product_id: string; on_hand: number; reserved: number }>(
    db,
    sql`select product_id, sum(on_hand)::int as on_hand, sum(reserved)::int as reserved
        from stock_levels where product_id = any(${pgArray(productIds)}::uuid[])
        group by product_id`,
  );
  return new Map(
    rows.map((r) => {
      const onHand = Number(r.on_hand);
      const reserved = Number(r.reserved);
      return [r.product_id, { onHand, reserved, available: onHand - reserved }];
    }),
  );
}
