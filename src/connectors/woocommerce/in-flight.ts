import { z } from "zod";
import type { StockWrite } from "../contract.ts";
import type { RecentOrders } from "../kit/in-flight.ts";
import { gmtFilter } from "./catalog.ts";
import type { WooClient } from "./client.ts";
import { itemId, parseItemId } from "./map.ts";

/** Statuses in which WooCommerce has taken the order's stock (`wc_maybe_reduce_stock_levels`). */
const STOCK_TAKING = "processing,on-hold,completed";

const lineSchema = z.object({
  product_id: z.number(),
  variation_id: z.number(),
  quantity: z.number(),
  sku: z.string().nullable(),
});
const recentOrderSchema = z.object({ id: z.number(), line_items: z.array(lineSchema) });
type Line = z.infer<typeof lineSchema>;

/** Whether an order line took the stock of this write's inventory item. */
function takes(write: StockWrite, line: Line): boolean {
  const own = itemId(line.product_id, line.variation_id === 0 ? undefined : line.variation_id);
  if (own === write.inventoryItemId) return true;
  // A variation whose stock its parent keeps: the write is for the parent, the line names the variation.
  const { productId, variationId } = parseItemId(write.inventoryItemId);
  return variationId === null && line.product_id === productId && line.sku?.trim() === write.sku;
}

/** WooCommerce's recent stock-taking orders, lines included (kit: the oversell narrowing). */
export const recentWooOrders = (
  client: WooClient,
): RecentOrders<z.infer<typeof recentOrderSchema>, Line> => ({
  page: (page, since) =>
    client.page("wc/v3/orders", z.array(recentOrderSchema), {
      query: {
        ...{
          page,
          per_page: 100,
          status: STOCK_TAKING,
          modified_after: gmtFilter(since),
          dates_are_gmt: true,
        },
        ...{ orderby: "id", order: "desc" },
      },
      priority: "stock",
    }),
  id: (order) => String(order.id),
  lines: (order) => order.line_items,
  units: (write, line) => (takes(write, line) ? line.quantity : 0),
});
