import { z } from "zod";
import type { RecentOrders } from "../kit/in-flight.ts";
import type { BigCommerceClient } from "./client.ts";
import { parseInventoryItemId } from "./map-product.ts";
import { type BcOrderProduct, orderProductSchema } from "./schemas.ts";

/**
 * Statuses whose orders do not hold stock: Incomplete (not placed), Cancelled and Declined (stock
 * returned). A guess as to BigCommerce's "adjust inventory when the order is placed" default; a
 * store that adjusts on shipment takes less, and the push then keeps too little on offer, not too much.
 */
const HOLDS_NO_STOCK = new Set([0, 5, 6]);
const PAGE = 250;

const recentOrderSchema = z.object({ id: z.number().int(), status_id: z.number() });
type RecentOrder = z.infer<typeof recentOrderSchema>;

/**
 * BigCommerce's recent orders, newest first (`min_date_modified`, one v2 page per read); the lines of
 * one not handed to the hub yet come from its `/products`. V2 lines carry no location: an order's
 * units are kept at every location the push names for the item.
 */
export const recentBigCommerceOrders = (
  client: BigCommerceClient,
): RecentOrders<RecentOrder, BcOrderProduct> => ({
  async page(page, since) {
    const query = new URLSearchParams({
      ...{ page: String(page), limit: String(PAGE), sort: "id:desc" },
      min_date_modified: String(Math.floor(since.getTime() / 1000)),
    });
    const orders = await client.list(`/v2/orders?${query}`, z.array(recentOrderSchema), "stock");
    return {
      items: orders.filter((o) => !HOLDS_NO_STOCK.has(o.status_id)),
      totalPages: orders.length === PAGE ? page + 1 : page,
    };
  },
  id: (order) => String(order.id),
  lines: (order) =>
    client.list(`/v2/orders/${order.id}/products?limit=250`, z.array(orderProductSchema), "stock"),
  units(write, line) {
    const ref = parseInventoryItemId(write.inventoryItemId);
    const id = ref?.by === "variant_id" ? line.variant_id : line.product_id;
    return ref && id === ref.id ? line.quantity : 0;
  },
});
