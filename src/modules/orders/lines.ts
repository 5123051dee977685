import { asc, eq } from "drizzle-orm";
import type { Db } from "../../db/engine.ts";
import type { StockItem } from "../inventory/index.ts";
import { orderLines, type orders } from "./schema.ts";

export type OrderLine = typeof orderLines.$inferSelect;

export async function loadLinesForUpdate(tx: Db, orderId: string): Promise<OrderLine[]> {
  return tx
    .select()
    .from(orderLines)
    .where(eq(orderLines.orderId, orderId))
    .orderBy(asc(orderLines.lineNo))
    .for("update");
}

/** Units of a line still to ship. */
export function openQty(line: OrderLine): number {
  return line.reservedQty + line.backorderedQty;
}

export function stockItemOf(
  order: typeof orders.$inferSelect,
  line: OrderLine,
  allowBackorder = false,
): StockItem {
  return {
    accountId: order.accountId,
    productId: line.productId,
    sku: line.sku,
    allowBackorder,
    warehouseId: order.warehouseId,
  };
}
