import { z } from "zod";
import type { StockWrite } from "../contract.ts";
import { type HandedOrders, IN_FLIGHT_WINDOW_MS, type InFlight } from "../kit/in-flight.ts";
import { gmtFilter } from "./catalog.ts";
import type { WooClient } from "./client.ts";
import { itemId, parseItemId } from "./map.ts";

/** Statuses in which WooCommerce has taken the order's stock (`wc_maybe_reduce_stock_levels`). */
const STOCK_TAKING = "processing,on-hold,completed";
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
type Line = z.infer<typeof recentOrderSchema>["line_items"][number];

/** Whether an order line took the stock of this write's inventory item. */
function takes(write: StockWrite, line: Line): boolean {
  const own = itemId(line.product_id, line.variation_id === 0 ? undefined : line.variation_id);
  if (own === write.inventoryItemId) return true;
  // A variation whose stock its parent keeps: the write is for the parent, the line names the variation.
  const { productId, variationId } = parseItemId(write.inventoryItemId);
  return variationId === null && line.product_id === productId && line.sku?.trim() === write.sku;
}

/**
 * Units of each write's item taken by WooCommerce orders of the last minutes that this session has
 * not handed to the hub yet: one read of recent orders per push (more pages only for a busy store).
 */
export async function unimportedSales(
  client: WooClient,
  writes: StockWrite[],
  handed: HandedOrders,
  nowMs: number,
): Promise<Map<StockWrite, InFlight>> {
  const found = new Map<StockWrite, InFlight>();
  const since = gmtFilter(new Date(nowMs - IN_FLIGHT_WINDOW_MS));
  for (let page = 1; page <= MAX_PAGES && writes.length > 0; page++) {
    const answer = await client.page("wc/v3/orders", z.array(recentOrderSchema), {
      query: {
        ...{ page, per_page: 100, status: STOCK_TAKING, modified_after: since, dates_are_gmt: true },
        ...{ orderby: "id", order: "desc" },
      },
      priority: "stock",
    });
    for (const order of answer.items.filter((o) => !handed.has(String(o.id)))) {
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
