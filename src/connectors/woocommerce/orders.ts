import { z } from "zod";
import type { ChannelOrder, Page } from "../contract.ts";
import { orNullWhenMissing } from "../kit/channel.ts";
import { type Listing, type ListOptions, runListing } from "../kit/listing.ts";
import { gmtFilter } from "./catalog.ts";
import type { WooClient } from "./client.ts";
import { mapOrder } from "./map.ts";
import { orderSchema, refundSchema, type WooOrder } from "./schemas.ts";

const V3 = "wc/v3";

/** Refunds are read from `/orders/{id}/refunds`: the order lists only their ids and totals. */
async function withRefunds(client: WooClient, order: WooOrder): Promise<ChannelOrder> {
  if (order.refunds.length === 0) return mapOrder(order, []);
  const refunds = await client.call("GET", `${V3}/orders/${order.id}/refunds`, z.array(refundSchema), {
    query: { per_page: 100 },
    priority: "orders",
  });
  return mapOrder(order, refunds);
}

/** Orders by id, filtered by `modified_after` / `after` read as UTC (`dates_are_gmt=true`). */
const orderListing = (client: WooClient): Listing<WooOrder, ChannelOrder> => ({
  path: `${V3}/orders`,
  paging: "totals",
  size: { param: "per_page", default: 50, max: 100 },
  query: { orderby: "id", order: "asc", dates_are_gmt: true },
  since: { updated: "modified_after", created: "after", format: gmtFilter },
  read: (path, query) => client.page(path, z.array(orderSchema), { query, priority: "orders" }),
  async map(orders) {
    const items: ChannelOrder[] = [];
    for (const order of orders) items.push(await withRefunds(client, order));
    return { items };
  },
});

export const listOrders = (client: WooClient, options: ListOptions): Promise<Page<ChannelOrder>> =>
  runListing(orderListing(client), options);

export async function getOrder(client: WooClient, platformOrderId: string): Promise<ChannelOrder | null> {
  if (!/^\d+$/.test(platformOrderId)) return null;
  const order = await orNullWhenMissing(() =>
    client.call("GET", `${V3}/orders/${platformOrderId}`, orderSchema, { priority: "orders" }),
  );
  return order && withRefunds(client, order);
}
