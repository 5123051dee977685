import { sql } from "drizzle-orm";
import type { Db } from "../../src/db/engine.ts";
import { queryRows } from "../../src/db/rows.ts";

export type LedgerProblem = { productId: string; warehouseId: string; problem: string };

/**
 * Everything that must hold for an account's stock: levels equal the ledger, reserved equals the
 * open reservations of order lines, and available is negative only where allowed or flagged.
 */
export async function checkLedger(db: Db, accountId: string): Promise<LedgerProblem[]> {
  const rows = await queryRows<{
    product_id: string;
    warehouse_id: string;
    on_hand: number;
    reserved: number;
    l_on_hand: number;
    l_reserved: number;
    open_reserved: number;
    allow_backorder: boolean;
    oversold: boolean;
  }>(
    db,
    sql`select s.product_id, s.warehouse_id, s.on_hand, s.reserved,
          coalesce((select sum(on_hand_delta) from stock_movements m where m.product_id = s.product_id and m.warehouse_id = s.warehouse_id), 0)::int as l_on_hand,
          coalesce((select sum(reserved_delta) from stock_movements m where m.product_id = s.product_id and m.warehouse_id = s.warehouse_id), 0)::int as l_reserved,
          coalesce((select sum(l.reserved_qty) from order_lines l join orders o on o.id = l.order_id where l.product_id = s.product_id and o.warehouse_id = s.warehouse_id), 0)::int as open_reserved,
          p.allow_backorder,
          exists (select 1 from stock_movements m where m.product_id = s.product_id and m.warehouse_id = s.warehouse_id and m.oversold) as oversold
        from stock_levels s join products p on p.id = s.product_id
        where s.account_id = ${accountId}`,
  );
  const problems: LedgerProblem[] = [];
  for (const r of rows) {
    const at = { productId: r.product_id, warehouseId: r.warehouse_id };
    if (r.on_hand !== r.l_on_hand)
      problems.push({ ...at, problem: `on-hand ${r.on_hand} ≠ ledger ${r.l_on_hand}` });
    if (r.reserved !== r.l_reserved)
      problems.push({ ...at, problem: `reserved ${r.reserved} ≠ ledger ${r.l_reserved}` });
    if (r.reserved !== r.open_reserved)
      problems.push({ ...at, problem: `reserved ${r.reserved} ≠ open order lines ${r.open_reserved}` });
    if (r.on_hand - r.reserved < 0 && !r.allow_backorder && !r.oversold) {
      problems.push({ ...at, problem: `available ${r.on_hand - r.reserved} below zero without a flag` });
    }
  }
  return problems;
}
