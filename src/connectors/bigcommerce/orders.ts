import { z } from "zod";
import type { ChannelOrder, Page } from "../contract.ts";
import { everyPage, orNullWhenMissing } from "../kit/channel.ts";
import { type Listing, type ListOptions, runListing } from "../kit/listing.ts";
import { type BigCommerceClient, v3Page, withQuery } from "./client.ts";
import { mapOrder } from "./map-order.ts";
import {
  type BcOrder,
  orderProductSchema,
  orderSchema,
  refundSchema,
  shippingAddressSchema,
} from "./schemas.ts";

/** V2 order pages stop at 250. */
export const MAX_ORDER_PAGE = 250;
/** `order_id:in` takes a page of orders' refunds in one read. */
const REFUND_PAGE = 250;

/** V2 filters take RFC 2822, ISO 8601 or unix seconds; unix seconds need no escaping. */
const unixSeconds = (d: Date) => String(Math.floor(d.getTime() / 1000));

/**
 * `GET /v2/orders` by id with `min_date_modified` / `min_date_created`, a page number as the
 * cursor; v2 states no totals, so a full page means there may be another (a 204 is an empty last
 * page). Each order's lines and shipping addresses are read from its sub-resources; refunds for
 * the whole page in one v3 read.
 */
const orderListing = (client: BigCommerceClient): Listing<BcOrder, ChannelOrder> => ({
  path: "/v2/orders",
  paging: "full-page",
  size: { param: "limit", default: 50, max: MAX_ORDER_PAGE },
  query: { sort: "id:asc" },
  since: { updated: "min_date_modified", created: "min_date_created", format: unixSeconds },
  read: async (path, query) => ({
    items: await client.list(withQuery(path, query), z.array(orderSchema), "orders"),
  }),
  async map(orders) {
    const refunds = await refundsFor(
      client,
      orders.map((o) => o.id),
    );
    const items: ChannelOrder[] = [];
    for (const order of orders) items.push(await withParts(client, order, refunds.get(order.id) ?? []));
    return { items };
  },
});

export const listOrders = (client: BigCommerceClient, options: ListOptions): Promise<Page<ChannelOrder>> =>
  runListing(orderListing(client), options);

/** One order by id (webhooks carry only the id); null when the store has no such order. */
export async function getOrder(
  client: BigCommerceClient,
  platformOrderId: string,
): Promise<ChannelOrder | null> {
  if (!/^\d+$/.test(platformOrderId)) return null;
  const order = await orNullWhenMissing(() =>
    client.get(`/v2/orders/${platformOrderId}`, orderSchema, "orders"),
  );
  if (!order) return null;
  const refunds = await refundsFor(client, [order.id]);
  return withParts(client, order, refunds.get(order.id) ?? []);
}

async function withParts(
  client: BigCommerceClient,
  order: BcOrder,
  refunds: z.infer<typeof refundSchema>[],
): Promise<ChannelOrder> {
  const products = await client.list(
    `/v2/orders/${order.id}/products?limit=250`,
    z.array(orderProductSchema),
    "orders",
  );
  const addresses = await client.list(
    `/v2/orders/${order.id}/shipping_addresses`,
    z.array(shippingAddressSchema),
    "orders",
  );
  return mapOrder({ order, products, addresses, refunds });
}

/** Refunds of these orders (v3 payment actions), grouped by order. */
async function refundsFor(client: BigCommerceClient, orderIds: number[]) {
  const byOrder = new Map<number, z.infer<typeof refundSchema>[]>();
  for (let start = 0; start < orderIds.length; start += REFUND_PAGE) {
    const ids = orderIds.slice(start, start + REFUND_PAGE).join(",");
    const refunds = await everyPage((page) =>
      v3Page(
        client,
        `/v3/orders/payment_actions/refunds`,
        { "order_id:in": ids, page, limit: 250 },
        refundSchema,
        "orders",
      ),
    );
    for (const refund of refunds)
      byOrder.set(refund.order_id, [...(byOrder.get(refund.order_id) ?? []), refund]);
  }
  return byOrder;
}
