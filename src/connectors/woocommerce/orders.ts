import { z } from "zod";
import type { ChannelOrder, Page } from "../contract.ts";
import { nextPageCursor, orNullWhenMissing, pageOf } from "../kit/channel.ts";
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
export async function listOrders(
  client: WooClient,
  options: { updatedSince?: Date; createdSince?: Date; cursor?: string | null; pageSize?: number },
): Promise<Page<ChannelOrder>> {
  const page = pageOf(options.cursor);
  const answer = await client.page(`${V3}/orders`, z.array(orderSchema), {
    query: {
      page,
      per_page: Math.min(100, options.pageSize ?? 50),
      orderby: "id",
      order: "asc",
      dates_are_gmt: true,
      ...(options.updatedSince ? { modified_after: gmtFilter(options.updatedSince) } : {}),
      ...(options.createdSince ? { after: gmtFilter(options.createdSince) } : {}),
    },
    priority: "orders",
  });
  const items: ChannelOrder[] = [];
  for (const order of answer.items) items.push(await withRefunds(client, order));
  return { items, nextCursor: nextPageCursor(page, answer.totalPages) };
}

export async function getOrder(client: WooClient, platformOrderId: string): Promise<ChannelOrder | null> {
  if (!/^\d+$/.test(platformOrderId)) return null;
  const order = await orNullWhenMissing(() =>
    client.call("GET", `${V3}/orders/${platformOrderId}`, orderSchema, { priority: "orders" }),
  );
  return order && withRefunds(client, order);
}
