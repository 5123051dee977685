import { isoDateTime, nullableIso } from "../../format.ts";
import { gid, legacyId } from "../../gid.ts";
import {
  type FulfillmentOrderLineView,
  type FulfillmentOrderView,
  fulfillmentOrderLines,
  fulfillmentOrderStatus,
  fulfillmentOrdersOf,
} from "../../store/fulfillments.ts";
import { currentQuantity, displayFulfillmentStatus, orderTotals } from "../../store/order-math.ts";
import type { Address, Customer, LineItem, Order, Transaction } from "../../store/types.ts";
import { type ConnectionArgs, positionKey } from "../connection.ts";
import { windowed } from "../lists.ts";
import { fields, moneyBag, type ResolverMap } from "../resolver-types.ts";

export interface AddressView {
  readonly id: number;
  readonly address: Address;
}

const first = <T>(items: readonly T[], args: { first?: number | null }): readonly T[] =>
  args.first === undefined || args.first === null ? items : items.slice(0, args.first);

/** Paid orders carry the sale that paid them; it is derived, so it gets an id range of its own. */
export function orderTransactions(order: Order): Transaction[] {
  const paid = ["PAID", "PARTIALLY_REFUNDED", "REFUNDED"].includes(order.financialStatus);
  const sale: Transaction[] = paid
    ? [
        {
          kind: "OrderTransaction",
          id: 1_000_000_000 + order.id,
          transactionKind: "SALE",
          gateway: order.gateway,
          amountCents: orderTotals(order).total,
          status: "SUCCESS",
          processedAt: order.processedAt,
        },
      ]
    : [];
  return [...sale, ...order.refunds.flatMap((refund) => refund.transactions)];
}

export const orderResolvers: ResolverMap = {
  Order: fields<Order>({
    id: (o) => gid("Order", o.id),
    legacyResourceId: (o) => String(legacyId("Order", o.id)),
    createdAt: (o) => isoDateTime(o.createdAt),
    updatedAt: (o) => isoDateTime(o.updatedAt),
    processedAt: (o) => isoDateTime(o.processedAt),
    cancelledAt: (o) => nullableIso(o.cancelledAt),
    closed: (o) => o.closedAt !== null,
    closedAt: (o) => nullableIso(o.closedAt),
    confirmed: () => true,
    displayFinancialStatus: (o) => o.financialStatus,
    displayFulfillmentStatus: (o) => displayFulfillmentStatus(o),
    fullyPaid: (o) => ["PAID", "PARTIALLY_REFUNDED", "REFUNDED"].includes(o.financialStatus),
    phone: (o) => o.shippingAddress?.phone ?? null,
    sourceName: () => "web",
    discountCodes: (o) => (o.discountCode ? [o.discountCode] : []),
    taxesIncluded: () => false,
    customer: (o, _args, { store }) => (o.customerId === null ? null : store.customersById.get(o.customerId)),
    shippingAddress: (o): AddressView | null =>
      o.shippingAddress ? { id: o.id * 2, address: o.shippingAddress } : null,
    billingAddress: (o): AddressView | null =>
      o.billingAddress ? { id: o.id * 2 + 1, address: o.billingAddress } : null,
    currencyCode: (o) => o.currency,
    presentmentCurrencyCode: (o) => o.currency,
    subtotalLineItemsQuantity: (o) => o.lineItems.reduce((sum, line) => sum + line.quantity, 0),
    currentSubtotalLineItemsQuantity: (o) =>
      o.lineItems.reduce((sum, line) => sum + currentQuantity(line), 0),
    totalWeight: (o) => String(o.lineItems.reduce((sum, line) => sum + line.grams * line.quantity, 0)),
    totalPriceSet: (o) => moneyBag(orderTotals(o).total, o.currency),
    subtotalPriceSet: (o) => moneyBag(orderTotals(o).subtotal, o.currency),
    totalTaxSet: (o) => moneyBag(orderTotals(o).tax, o.currency),
    totalDiscountsSet: (o) => moneyBag(orderTotals(o).discounts, o.currency),
    totalShippingPriceSet: (o) => moneyBag(o.shippingCents, o.currency),
    totalRefundedSet: (o) => moneyBag(orderTotals(o).refunded, o.currency),
    currentTotalPriceSet: (o) => {
      const totals = orderTotals(o);
      return moneyBag(Math.max(0, totals.total - totals.refunded), o.currency);
    },
    lineItems: (o, args: ConnectionArgs, context, info) =>
      windowed(context, info, o.lineItems, args, positionKey),
    refunds: (o, args: { first?: number | null }) => first(o.refunds, args),
    fulfillments: (o, args: { first?: number | null }) => first(o.fulfillments, args),
    fulfillmentOrders: (o, args: ConnectionArgs, context, info) =>
      windowed(context, info, fulfillmentOrdersOf(context.store, o), args, positionKey),
    transactions: (o, args: { first?: number | null }) => first(orderTransactions(o), args),
  }),
  Customer: fields<Customer>({
    id: (c) => gid("Customer", c.id),
    legacyResourceId: (c) => String(legacyId("Customer", c.id)),
    displayName: (c) => `${c.firstName} ${c.lastName}`,
    defaultAddress: (c): AddressView => ({ id: c.id * 2, address: c.address }),
    defaultEmailAddress: (c) => (c.email ? { emailAddress: c.email } : null),
    numberOfOrders: (c) => String(c.numberOfOrders),
    amountSpent: (c, _args, { store }) => moneyBag(c.amountSpentCents, store.shop.currency).shopMoney,
    createdAt: (c) => isoDateTime(c.createdAt),
    updatedAt: (c) => isoDateTime(c.updatedAt),
  }),
  MailingAddress: fields<AddressView>({
    id: (a) => gid("MailingAddress", a.id),
    firstName: (a) => a.address.firstName,
    lastName: (a) => a.address.lastName,
    name: (a) => `${a.address.firstName} ${a.address.lastName}`,
    company: (a) => a.address.company,
    address1: (a) => a.address.address1,
    address2: (a) => a.address.address2,
    city: (a) => a.address.city,
    province: (a) => a.address.province,
    provinceCode: (a) => a.address.provinceCode,
    country: (a) => a.address.country,
    countryCodeV2: (a) => a.address.countryCode,
    zip: (a) => a.address.zip,
    phone: (a) => a.address.phone,
    formatted: (a, args: { withName?: boolean; withCompany?: boolean }) => {
      const { address } = a;
      return [
        args.withName ? `${address.firstName} ${address.lastName}` : null,
        args.withCompany !== false ? address.company : null,
        address.address1,
        address.address2 || null,
        `${address.city} ${address.provinceCode} ${address.zip}`,
        address.country,
      ].filter((line): line is string => line !== null);
    },
  }),
  LineItem: fields<LineItem>({
    id: (l) => gid("LineItem", l.id),
    name: (l) => (l.variantTitle ? `${l.title} - ${l.variantTitle}` : l.title),
    currentQuantity: (l) => currentQuantity(l),
    unfulfilledQuantity: (l) => Math.max(0, l.quantity - l.removedQuantity - l.fulfilledQuantity),
    refundableQuantity: (l) => currentQuantity(l),
    requiresShipping: () => true,
    taxable: () => true,
    variant: (l, _args, { store }) => (l.variantId === null ? null : store.variantsById.get(l.variantId)),
    product: (l, _args, { store }) => (l.productId === null ? null : store.productsById.get(l.productId)),
    originalUnitPriceSet: (l, _args, { store }) => moneyBag(l.priceCents, store.shop.currency),
    discountedUnitPriceSet: (l, _args, { store }) =>
      moneyBag(Math.round((l.priceCents * l.quantity - l.discountCents) / l.quantity), store.shop.currency),
    originalTotalSet: (l, _args, { store }) => moneyBag(l.priceCents * l.quantity, store.shop.currency),
    discountedTotalSet: (l, _args, { store }) =>
      moneyBag(l.priceCents * l.quantity - l.discountCents, store.shop.currency),
    totalDiscountSet: (l, _args, { store }) => moneyBag(l.discountCents, store.shop.currency),
  }),
  OrderTransaction: fields<Transaction>({
    id: (t) => gid("OrderTransaction", t.id),
    kind: (t) => t.transactionKind,
    amountSet: (t, _args, { store }) => moneyBag(t.amountCents, store.shop.currency),
    processedAt: (t) => isoDateTime(t.processedAt),
    createdAt: (t) => isoDateTime(t.processedAt),
  }),
  FulfillmentOrder: fields<FulfillmentOrderView>({
    id: (f) => gid("FulfillmentOrder", f.id),
    status: (f) => fulfillmentOrderStatus(f),
    orderId: (f) => gid("Order", f.order.id),
    orderName: (f) => f.order.name,
    createdAt: (f) => isoDateTime(f.order.createdAt),
    updatedAt: (f) => isoDateTime(f.order.updatedAt),
    assignedLocation: (f, _args, { store }) => {
      const location = store.location(f.locationId);
      return { name: location?.name ?? null, location };
    },
    lineItems: (f, args: ConnectionArgs, context, info) =>
      windowed(context, info, fulfillmentOrderLines(f), args, positionKey),
  }),
  FulfillmentOrderLineItem: fields<FulfillmentOrderLineView>({
    id: (l) => gid("FulfillmentOrderLineItem", l.id),
    sku: (l) => l.line.sku,
    totalQuantity: (l) => l.line.quantity - l.line.removedQuantity,
    remainingQuantity: (l) =>
      Math.max(0, l.line.quantity - l.line.removedQuantity - l.line.fulfilledQuantity),
    lineItem: (l) => l.line,
    variant: (l, _args, { store }) =>
      l.line.variantId === null ? null : store.variantsById.get(l.line.variantId),
  }),
};
