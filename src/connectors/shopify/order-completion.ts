import type { Logger } from "pino";
import type { GraphqlClient } from "./client.ts";
import { largestPage } from "./cost.ts";
import {
  type LineNode,
  type OrderNode,
  orderLinesSchema,
  orderRefundsSchema,
  type RefundLineNode,
  type RefundNode,
  refundLinesPageSchema,
} from "./order-schema.ts";
import { ORDER_LINES_QUERY, ORDER_REFUNDS_QUERY, REFUND_LINES_QUERY } from "./queries.ts";
import { SHOPIFY_MAX_QUERY_COST } from "./rate-limits.ts";

/** Nested page sizes of one order read: most orders fit, the rest are completed below. */
export type NestedSizes = { lines: number; refunds: number; refundLines: number };

const LINE_PAGE = largestPage(ORDER_LINES_QUERY, {}, "first", SHOPIFY_MAX_QUERY_COST);
const REFUND_LINE_PAGE = largestPage(REFUND_LINES_QUERY, {}, "first", SHOPIFY_MAX_QUERY_COST);
/** Refunds are a plain list (no cursor), so an order beyond this many is read up to it and logged. */
const ALL_REFUNDS = { refunds: 30, refundLines: 10 };

/**
 * Orders are read with bounded nested pages to keep the requested cost under 1,000 points. An order
 * whose lines, refunds or refund lines did not fit is completed with follow-up reads, so the
 * mappers always see the whole order.
 */
export async function completeOrder(
  client: GraphqlClient,
  node: OrderNode,
  sizes: NestedSizes,
  logger: Logger,
): Promise<OrderNode> {
  const lines = node.lineItems.pageInfo.hasNextPage ? await allLines(client, node) : node.lineItems.nodes;
  let refunds = node.refunds;
  if (refunds.length >= sizes.refunds) {
    const data = await client.run(
      ORDER_REFUNDS_QUERY,
      { id: node.id, ...ALL_REFUNDS },
      orderRefundsSchema,
      "orders",
    );
    refunds = data.order?.refunds ?? refunds;
    if (refunds.length >= ALL_REFUNDS.refunds) {
      logger.warn(
        { order: node.id, refunds: refunds.length },
        "Shopify order has more refunds than are read",
      );
    }
  }
  const completeRefunds = await Promise.all(refunds.map((refund) => completeRefund(client, refund)));
  return {
    ...node,
    lineItems: { nodes: lines, pageInfo: { hasNextPage: false, endCursor: null } },
    refunds: completeRefunds,
  };
}

async function allLines(client: GraphqlClient, node: OrderNode): Promise<LineNode[]> {
  const lines = [...node.lineItems.nodes];
  let after = node.lineItems.pageInfo.endCursor ?? null;
  while (after) {
    const data = await client.run(
      ORDER_LINES_QUERY,
      { id: node.id, first: LINE_PAGE, after },
      orderLinesSchema,
      "orders",
    );
    const page = data.order?.lineItems;
    if (!page) break;
    lines.push(...page.nodes);
    after = page.pageInfo.hasNextPage ? (page.pageInfo.endCursor ?? null) : null;
  }
  return lines;
}

async function completeRefund(client: GraphqlClient, refund: RefundNode): Promise<RefundNode> {
  if (!refund.refundLineItems.pageInfo.hasNextPage) return refund;
  const lines: RefundLineNode[] = [...refund.refundLineItems.nodes];
  let after = refund.refundLineItems.pageInfo.endCursor ?? null;
  while (after) {
    const data = await client.run(
      REFUND_LINES_QUERY,
      { id: refund.id, first: REFUND_LINE_PAGE, after },
      refundLinesPageSchema,
      "orders",
    );
    const page = data.node?.refundLineItems;
    if (!page) break;
    lines.push(...page.nodes);
    after = page.pageInfo.hasNextPage ? (page.pageInfo.endCursor ?? null) : null;
  }
  return { ...refund, refundLineItems: { nodes: lines, pageInfo: { hasNextPage: false, endCursor: null } } };
}
