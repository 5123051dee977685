import { z } from "zod";
import type { StockWrite } from "../contract.ts";
import { gmtFilter } from "./catalog.ts";
import type { WooClient } from "./client.ts";
import { itemId, parseItemId } from "./map.ts";

/**
 * The oversell window (README): WooCommerce has no compare-and-set, so a push computed before the
 * hub imported a WooCommerce order would overwrite the stock that order took. Orders still on
 * their way to the hub are found on WooCommerce itself: recent ones that took stock and that this
 * session has not handed to the hub (getOrder / listOrders) yet.
 */

/** Statuses in which WooCommerce has taken the order's stock (`wc_maybe_reduce_stock_levels`). */
const STOCK_TAKING = "processing,on-hold,completed";
/** How long an order may be on its way: the order feed's 5-minute interval and a margin. */
export const IN_FLIGHT_WINDOW_MS = 6 * 60_000;
const PAGE = 100;
const MAX_PAGES = 3;

const recentOrderSchema = z.object({
  id: z.number(),
  line_items: z.array(
    z.object({
      product_id: z.number(),
      variation_id: z.number(),
      quantity: z.number(),
      sku: z.string().nullable(),
    }),
  ),
});

/** Order ids this session handed to the hub, with when: the hub imports what it reads. */
export function createHandedOrders(now: () => number) {
  const handed = new Map<string, number>();
  return {
    note(ids: string[]) {
      const at = now();
      for (const id of ids) handed.set(id, at);
      for (const [id, when] of handed) if (at - when > IN_FLIGHT_WINDOW_MS) handed.delete(id);
    },
    has: (id: string) => handed.has(id),
  };
}
export type HandedOrders = ReturnType<typeof createHandedOrders>;

export type InFlight = { quantity: number; orders: string[] };

/** Whether an order line took the stock of this write's inventory item. */
function takes(write: StockWrite, line: z.infer<typeof recentOrderSchema>["line_items"][number]): boolean {
  const own = itemId(line.product_id, line.variation_id === 0 ? undefined : line.variation_id);
  if (own === write.inventoryItemId) return true;
  // A variation whose stock its parent keeps: the write is for the parent, the line names the variation.
  const { productId, variationId } = parseItemId(write.inventoryItemId);
  return variationId === null && line.product_id === productId && line.sku?.trim() === write.sku;
}

/**
 * Units of each write's item taken by recent WooCommerce orders this session has not handed to the
 * hub yet. One read of recent orders per push (more pages only when a store is that busy).
 */
export async function unimportedSales(
  client: WooClient,
  writes: StockWrite[],
  handed: HandedOrders,
  nowMs: number,
): Promise<Map<StockWrite, InFlight>> {
  const found = new Map<StockWrite, InFlight>();
  if (writes.length === 0) return found;
  const since = gmtFilter(new Date(nowMs - IN_FLIGHT_WINDOW_MS));
  for (let page = 1; page <= MAX_PAGES; page++) {
    const answer = await client.page("wc/v3/orders", z.array(recentOrderSchema), {
      query: {
        page,
        per_page: PAGE,
        status: STOCK_TAKING,
        modified_after: since,
        dates_are_gmt: true,
        orderby: "id",
        order: "desc",
      },
      priority: "stock",
    });
    for (const order of answer.items) {
      if (handed.has(String(order.id))) continue;
      for (const write of writes) {
        const units = order.line_items.filter((l) => takes(write, l)).reduce((n, l) => n + l.quantity, 0);
        if (units === 0) continue;
        const entry = found.get(write) ?? { quantity: 0, orders: [] };
        entry.quantity += units;
        entry.orders.push(String(order.id));
        found.set(write, entry);
      }
    }
    if (answer.totalPages === null || page >= answer.totalPages) break;
  }
  return found;
}
