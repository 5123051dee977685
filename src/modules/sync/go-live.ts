import type { Db } from "../../db/engine.ts";
import { chunks } from "../../db/sql.ts";
import { listingsOfConnection } from "../catalog/index.ts";
import { channelAvailability } from "../inventory/index.ts";
import { enqueueStockPushes } from "./outbox.ts";

/**
 * Going live sends what was held. While a connection was in test or shadow mode nothing reached
 * the platform, so every listing whose last pushed quantity is not what the hub wants there now is
 * queued; otherwise it would wait for the SKU's next change or the nightly stock check. Returns how
 * many SKUs were queued.
 */
export async function queueHeldStock(db: Db, accountId: string, connectionId: string): Promise<number> {
  const listed = (await listingsOfConnection(db, connectionId)).filter((l) => l.inventoryItemId);
  if (listed.length === 0) return 0;
  const wanted = await channelAvailability(
    db,
    accountId,
    listed.map((l) => l.productId),
  );
  const held = listed
    .filter((l) => l.lastPushedQuantity !== Math.max(0, wanted.get(l.productId) ?? 0))
    .map((l) => l.productId);
  for (const chunk of chunks(held, 1000)) await enqueueStockPushes(db, accountId, chunk, connectionId);
  return held.length;
}
