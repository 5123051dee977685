import type { KindContext, StockLine } from "./kinds/index.ts";

/** Per item, how much `after` moves stock compared with `before` (both signed). */
export function stockDelta(before: readonly StockLine[], after: readonly StockLine[]): Map<string, number> {
  const delta = new Map<string, number>();
  for (const line of before) delta.set(line.itemId, (delta.get(line.itemId) ?? 0) - line.qty);
  for (const line of after) delta.set(line.itemId, (delta.get(line.itemId) ?? 0) + line.qty);
  return delta;
}

/**
 * Moves QtyOnHand of tracked inventory items. Each move is an Item update (new SyncToken,
 * LastUpdatedTime, webhook, CDC) so a client polling items for quantity sees it; QBO lets stock go negative.
 */
export function applyStock(ctx: KindContext, delta: Map<string, number>): void {
  for (const [itemId, change] of delta) {
    if (change === 0) continue;
    const item = ctx.store.get("Item", itemId);
    if (item?.Type !== "Inventory" || item.TrackQtyOnHand !== true) continue;
    const current = typeof item.QtyOnHand === "number" ? item.QtyOnHand : 0;
    const next = Math.round((current + change) * 1e6) / 1e6;
    ctx.store.replace("Item", itemId, { ...item, QtyOnHand: next });
  }
}
