import { chunks } from "../../../db/sql.ts";
import { recordSyncLog, type SyncLogEntry } from "../../connections/index.ts";
import { adjustStock, stockOfProduct } from "../../inventory/index.ts";
import type { FeedContext } from "../feed-context.ts";
import { listingsAfterCursor } from "./stock-check.ts";

/**
 * Takes the platform's quantities as the hub's starting stock (at setup or go-live only): on-hand
 * becomes what the platform can sell plus what the hub already holds for open orders. Goes on from
 * the run's cursor (the last product done) like the stock check.
 */
export async function initialStockFeed(fc: FeedContext) {
  const { ctx, connection, session, recorder } = fc;
  if (!session.readStock) return "failed" as const;
  const { listings, offset } = await listingsAfterCursor(fc);
  let done = offset;
  for (const chunk of chunks(listings, 250)) {
    const levels = await session.readStock(
      chunk.map((l) => ({ inventoryItemId: l.inventoryItemId!, locationId: l.locationId! })),
    );
    const byItem = new Map(levels.map((l) => [`${l.inventoryItemId}@${l.locationId}`, l.quantity]));
    const oversold: SyncLogEntry[] = [];
    for (const l of chunk) {
      const quantity = byItem.get(`${l.inventoryItemId}@${l.locationId}`);
      if (quantity === undefined) {
        recorder.count("skipped");
        continue;
      }
      const warehouseId = connection.settings.locationWarehouses?.[l.locationId!];
      const stock = await stockOfProduct(ctx.db, connection.accountId, l.productId);
      const held = stock.warehouses.find((w) => (warehouseId ? w.warehouseId === warehouseId : true));
      // Negative stays negative: the platform oversold, and the hub must show it (issue 19).
      const target = quantity + (held?.reserved ?? 0);
      const res = await adjustStock(ctx.db, connection.accountId, {
        sku: l.sku,
        set: target,
        reason: "import",
        idempotencyKey: `initial-stock:${recorder.run.id}:${l.sku}`,
        note: `initial stock from ${connection.name}`,
        ...(warehouseId ? { warehouseId } : {}),
      });
      recorder.count(res.movement.onHandDelta === 0 ? "skipped" : "updated");
      if (quantity < 0) {
        oversold.push({
          accountId: connection.accountId,
          connectionId: connection.id,
          sku: l.sku,
          direction: "pull",
          quantity,
          result: "ok",
          severity: "error",
          reason: `oversold on ${connection.name}: imported as ${quantity}, kept below zero here; channels are sent 0`,
        });
      }
    }
    await recordSyncLog(ctx.db, oversold);
    done += chunk.length;
    const cursor = done < offset + listings.length ? chunk.at(-1)!.productId : null;
    await recorder.progress(done, offset + listings.length, cursor);
    if (cursor && fc.sliceOver?.()) return "queued" as const;
  }
  return undefined;
}
