import { isoDateTime } from "../../format.ts";
import { gid, legacyId } from "../../gid.ts";
import type { Fulfillment, FulfillmentLine, Order, Refund, RefundLine } from "../../store/types.ts";
import { type ConnectionArgs, positionKey } from "../connection.ts";
import { windowed } from "../lists.ts";
import { fields, moneyBag, type ResolverMap } from "../resolver-types.ts";

interface RefundLineView {
  readonly id: number;
  readonly refundLine: RefundLine;
  readonly order: Order;
}

interface FulfillmentLineView {
  readonly id: number;
  readonly fulfillmentLine: FulfillmentLine;
  readonly order: Order;
}

const orderOf = (orderId: number, store: { ordersById: Map<number, Order> }) =>
  store.ordersById.get(orderId) as Order;

/** Refunds and fulfillments: what left the order and what was shipped. */
export const shipmentResolvers: ResolverMap = {
  Refund: fields<Refund>({
    id: (r) => gid("Refund", r.id),
    legacyResourceId: (r) => String(legacyId("Refund", r.id)),
    createdAt: (r) => isoDateTime(r.createdAt),
    updatedAt: (r) => isoDateTime(r.createdAt),
    order: (r, _args, { store }) => orderOf(r.orderId, store),
    totalRefundedSet: (r, _args, { store }) => moneyBag(r.totalCents, store.shop.currency),
    refundLineItems: (r, args: ConnectionArgs, context, info) => {
      const order = orderOf(r.orderId, context.store);
      const views = r.lines.map((refundLine): RefundLineView => ({ id: refundLine.id, refundLine, order }));
      return windowed(context, info, views, args, positionKey);
    },
    transactions: (r, args: ConnectionArgs, context, info) =>
      windowed(context, info, r.transactions, args, positionKey),
  }),
  RefundLineItem: fields<RefundLineView>({
    id: (v) => gid("RefundLineItem", v.id),
    lineItem: (v) => v.order.lineItems.find((line) => line.id === v.refundLine.lineItemId),
    quantity: (v) => v.refundLine.quantity,
    restockType: (v) => v.refundLine.restockType,
    restocked: (v) => v.refundLine.restocked,
    location: (v, _args, { store }) =>
      v.refundLine.locationId === null ? null : (store.location(v.refundLine.locationId) ?? null),
    priceSet: (v) => {
      const line = v.order.lineItems.find((candidate) => candidate.id === v.refundLine.lineItemId);
      return moneyBag(line?.priceCents ?? 0, v.order.currency);
    },
    subtotalSet: (v) => moneyBag(v.refundLine.subtotalCents, v.order.currency),
    totalTaxSet: (v) => moneyBag(v.refundLine.taxCents, v.order.currency),
  }),
  Fulfillment: fields<Fulfillment>({
    id: (f) => gid("Fulfillment", f.id),
    legacyResourceId: (f) => String(legacyId("Fulfillment", f.id)),
    displayStatus: (f) => (f.status === "SUCCESS" ? "FULFILLED" : "CANCELED"),
    createdAt: (f) => isoDateTime(f.createdAt),
    updatedAt: (f) => isoDateTime(f.updatedAt),
    location: (f, _args, { store }) => store.location(f.locationId) ?? null,
    order: (f, _args, { store }) => orderOf(f.orderId, store),
    totalQuantity: (f) => f.lines.reduce((sum, line) => sum + line.quantity, 0),
    trackingInfo: (f, args: { first?: number | null }) =>
      args.first === undefined || args.first === null ? f.trackingInfo : f.trackingInfo.slice(0, args.first),
    fulfillmentLineItems: (f, args: ConnectionArgs, context, info) => {
      const order = orderOf(f.orderId, context.store);
      const views = f.lines.map(
        (fulfillmentLine): FulfillmentLineView => ({ id: fulfillmentLine.id, fulfillmentLine, order }),
      );
      return windowed(context, info, views, args, positionKey);
    },
  }),
  FulfillmentLineItem: fields<FulfillmentLineView>({
    id: (v) => gid("FulfillmentLineItem", v.id),
    quantity: (v) => v.fulfillmentLine.quantity,
    lineItem: (v) => v.order.lineItems.find((line) => line.id === v.fulfillmentLine.lineItemId),
  }),
};
