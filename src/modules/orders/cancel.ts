import { eq } from "drizzle-orm";
import type { Db } from "../../db/engine.ts";
import { appendEvents } from "../events/index.ts";
import { release } from "../inventory/index.ts";
import { countInDailySales } from "./daily-sales.ts";
import { orderStatusChanged } from "./events.ts";
import { loadLinesForUpdate, stockItemOf } from "./lines.ts";
import { orderLines, orders } from "./schema.ts";

/**
 * Cancels an unshipped order: releases every reservation and clears backorders. `historical`: a
 * backfill learned of a cancellation from before the hub was watching (import.ts).
 */
export async function cancelInTx(
  tx: Db,
  order: typeof orders.$inferSelect,
  by: string,
  options: { historical?: boolean } = {},
): Promise<void> {
  const lines = await loadLinesForUpdate(tx, order.id);
  // What it counted as sold goes before its status and lines change.
  await countInDailySales(tx, [order.id], -1);
  for (const line of lines) {
    await release(tx, stockItemOf(order, line), line.reservedQty, {
      key: `order:${order.id}:${line.lineNo}:cancel`,
      referenceType: "order",
      referenceId: order.id,
    });
    await tx
      .update(orderLines)
      .set({
        reservedQty: 0,
        backorderedQty: 0,
        cancelledQty: line.cancelledQty + line.reservedQty + line.backorderedQty,
      })
      .where(eq(orderLines.id, line.id));
  }
  await tx.update(orders).set({ status: "cancelled", updatedAt: new Date() }).where(eq(orders.id, order.id));
  await appendEvents(tx, [
    orderStatusChanged.of({
      accountId: order.accountId,
      subject: order.id,
      payload: {
        orderId: order.id,
        from: order.status,
        status: "cancelled",
        by,
        connectionId: order.connectionId,
        ...(options.historical ? { historical: true } : {}),
      },
    }),
  ]);
}
