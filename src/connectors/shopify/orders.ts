import type { Logger } from "pino";
import type { ChannelOrder, Page } from "../contract.ts";
import type { GraphqlClient } from "./client.ts";
import { largestPage } from "./cost.ts";
import { decodeCursor, encodeCursor } from "./cursor.ts";
import { toGid } from "./ids.ts";
import { mapOrder } from "./map-order.ts";
import { completeOrder, type NestedSizes } from "./order-completion.ts";
import { oneOrderSchema, ordersCountSchema, ordersSchema } from "./order-schema.ts";
import { ORDER_QUERY, ORDERS_COUNT_QUERY, ORDERS_QUERY } from "./queries.ts";
import { SHOPIFY_MAX_QUERY_COST } from "./rate-limits.ts";
import { sinceQuery } from "./search.ts";

/** Per order in a page: 20 lines, 3 refunds of 10 lines; longer orders are completed afterwards. */
const PAGE_SIZES: NestedSizes = { lines: 20, refunds: 3, refundLines: 10 };
/** A single order is read whole in one request as often as possible (about 265 points). */
const SINGLE_SIZES: NestedSizes = { lines: 250, refunds: 10, refundLines: 50 };
/**
 * A page keeps well under the 1,000-point single-query max so it rarely waits for the bucket:
 * about 54 orders at 600 points (cost grows with the log of the page size, issue 19).
 */
export const ORDER_PAGE_COST_BUDGET = Math.round(SHOPIFY_MAX_QUERY_COST * 0.6);

export const MAX_ORDER_PAGE = largestPage(ORDERS_QUERY, PAGE_SIZES, "first", ORDER_PAGE_COST_BUDGET);

export type ListOrdersOptions = {
  updatedSince?: Date;
  createdSince?: Date;
  cursor?: string | null;
  pageSize?: number;
};

/** A page of orders sorted by `updated_at`, filtered by `updated_at`/`created_at` ≥ the given time. */
export async function listOrderPage(
  client: GraphqlClient,
  options: ListOrdersOptions,
  logger: Logger,
): Promise<Page<ChannelOrder>> {
  const resumed = options.cursor ? decodeCursor(options.cursor) : null;
  const query =
    resumed?.query ??
    (options.updatedSince
      ? sinceQuery("updated_at", options.updatedSince)
      : options.createdSince
        ? sinceQuery("created_at", options.createdSince)
        : undefined);
  const first = Math.max(1, Math.min(options.pageSize ?? MAX_ORDER_PAGE, MAX_ORDER_PAGE));
  const variables = { ...PAGE_SIZES, first, after: resumed?.after ?? null, query: query ?? null };
  // Counted once, when a read begins; later pages carry the estimate in their cursor.
  const total = resumed ? resumed.total : await countOrders(client, query);
  const { data, withheld } = await client.runPartial(ORDERS_QUERY, variables, ordersSchema, "orders");
  const { nodes, pageInfo } = data.orders;
  const complete = await Promise.all(nodes.map((node) => completeOrder(client, node, PAGE_SIZES, logger)));
  const endCursor = pageInfo.endCursor;
  return {
    items: complete.map(mapOrder),
    nextCursor:
      pageInfo.hasNextPage && endCursor
        ? encodeCursor({
            after: endCursor,
            ...(query ? { query } : {}),
            ...(total !== undefined ? { total } : {}),
          })
        : null,
    ...(total !== undefined ? { estimatedTotal: total } : {}),
    ...(withheld.length > 0 ? { notices: [withheldNotice(withheld)] } : {}),
  };
}

/** Same words for every page, so the feed can say it once per run. */
function withheldNotice(fields: string[]): string {
  return (
    `Shopify withheld ${[...fields].sort().join(", ")} on orders: the app is not approved for protected ` +
    "customer data, so orders are imported without the customer's name, email and address"
  );
}

/** Orders matching the filter now; an estimate, since orders keep arriving while the read pages. */
async function countOrders(client: GraphqlClient, query: string | undefined): Promise<number | undefined> {
  const data = await client.run(ORDERS_COUNT_QUERY, { query: query ?? null }, ordersCountSchema, "orders");
  return data.ordersCount?.count;
}

/** One order by gid (or bare numeric id); null when Shopify does not know it. */
export async function getOrder(client: GraphqlClient, platformOrderId: string, logger: Logger) {
  const id = toGid(platformOrderId, "Order");
  if (!id) return null;
  const { data } = await client.runPartial(ORDER_QUERY, { id, ...SINGLE_SIZES }, oneOrderSchema, "orders");
  if (!data.order) return null;
  return mapOrder(await completeOrder(client, data.order, SINGLE_SIZES, logger));
}
