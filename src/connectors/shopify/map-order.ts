import type { ChannelOrder, ChannelRefund } from "../contract.ts";
import { toMinor, toMinorOrZero } from "./money.ts";
import { date, isPaid, normaliseStatus, restocks, text, withLineTax } from "./order-rules.ts";
import type { OrderNode, RefundNode } from "./order-schema.ts";

/** A GraphQL Order (complete: every line and refund line fetched) → the hub's ChannelOrder. */
export function mapOrder(node: OrderNode): ChannelOrder {
  const currency = node.totalPriceSet.shopMoney.currencyCode || node.currencyCode;
  const money = (bag: { shopMoney: { amount: string | number } } | null | undefined) =>
    toMinorOrZero(bag?.shopMoney.amount, currency);
  const financialStatus = normaliseStatus(node.displayFinancialStatus);
  const taxMinor = money(node.totalTaxSet);
  const lines = node.lineItems.nodes.map((line) => ({
    platformLineId: line.id,
    sku: text(line.sku),
    name: line.name,
    quantity: line.quantity,
    unitPriceMinor: toMinor(line.originalUnitPriceSet.shopMoney.amount, currency),
    discountMinor: money(line.totalDiscountSet),
    taxMinor: null,
  }));
  const address = node.shippingAddress;
  const placed = node.processedAt ?? node.createdAt;
  return {
    platformOrderId: node.id,
    orderNumber: node.name,
    placedAt: date(placed),
    updatedAt: date(node.updatedAt),
    currency,
    paid: isPaid(financialStatus),
    cancelled: Boolean(node.cancelledAt),
    financialStatus,
    fulfillmentStatus: normaliseStatus(node.displayFulfillmentStatus),
    subtotalMinor: money(node.subtotalPriceSet),
    discountMinor: money(node.totalDiscountsSet),
    taxMinor,
    shippingMinor: money(node.totalShippingPriceSet),
    totalMinor: money(node.totalPriceSet),
    customer: {
      name: text(node.customer?.displayName) ?? text(address?.name),
      email: text(node.email) ?? text(node.customer?.defaultEmailAddress?.emailAddress),
    },
    shippingAddress: address
      ? {
          name: text(address.name),
          line1: text(address.address1),
          line2: text(address.address2),
          city: text(address.city),
          state: text(address.provinceCode) ?? text(address.province),
          postalCode: text(address.zip),
          country: text(address.countryCodeV2) ?? text(address.country),
        }
      : null,
    locationId: node.fulfillmentOrders?.nodes[0]?.assignedLocation?.location?.id ?? null,
    lines: withLineTax(lines, taxMinor),
    refunds: node.refunds.map((refund) => mapRefund(refund, currency, node.createdAt)),
  };
}

function mapRefund(refund: RefundNode, currency: string, orderCreatedAt: string): ChannelRefund {
  return {
    platformRefundId: refund.id,
    createdAt: date(refund.createdAt ?? orderCreatedAt),
    amountMinor: toMinor(refund.totalRefundedSet.shopMoney.amount, currency),
    currency,
    note: text(refund.note),
    lines: refund.refundLineItems.nodes.map((line) => ({
      platformLineId: line.lineItem.id,
      sku: text(line.lineItem.sku),
      quantity: line.quantity,
      restock: restocks(line.restockType),
    })),
  };
}
