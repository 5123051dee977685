import type { ChannelOrder, ChannelRefund } from "../contract.ts";
import { restGid, restGidOrNull } from "./ids.ts";
import { sumMinor, toMinor, toMinorOrZero } from "./money.ts";
import {
  date,
  isPaid,
  normaliseStatus,
  restFulfillmentStatus,
  restocks,
  text,
  withLineTax,
} from "./order-rules.ts";
import type { RestLine, RestOrder, RestRefund } from "./rest-schema.ts";

/**
 * A REST order (the body of orders/* webhooks) → ChannelOrder, by the same rules as the GraphQL
 * mapper: gids for ids, shop-currency money in exact minor units, normalised statuses.
 */
export function mapRestOrder(order: RestOrder): ChannelOrder {
  const { currency } = order;
  const financialStatus = normaliseStatus(order.financial_status);
  const taxMinor = toMinorOrZero(order.total_tax, currency);
  const shippingMinor = order.total_shipping_price_set?.shop_money
    ? toMinor(order.total_shipping_price_set.shop_money.amount, currency)
    : sumMinor(
        (order.shipping_lines ?? []).map((line) => line.price_set?.shop_money?.amount ?? line.price),
        currency,
      );
  const address = order.shipping_address;
  const platformOrderId = restGid("Order", order.id, order.admin_graphql_api_id);
  const fulfilledFrom = order.fulfillments?.find((fulfillment) => fulfillment.location_id != null);
  const locationId = order.location_id ?? fulfilledFrom?.location_id ?? null;
  return {
    platformOrderId,
    orderNumber: text(order.name) ?? `#${order.order_number ?? order.id}`,
    placedAt: date(order.processed_at ?? order.created_at),
    updatedAt: date(order.updated_at ?? order.created_at),
    currency,
    paid: isPaid(financialStatus),
    cancelled: Boolean(order.cancelled_at),
    financialStatus,
    fulfillmentStatus: restFulfillmentStatus(order.fulfillment_status),
    subtotalMinor: toMinorOrZero(order.subtotal_price, currency),
    discountMinor: toMinorOrZero(order.total_discounts, currency),
    taxMinor,
    shippingMinor,
    totalMinor: toMinor(order.total_price, currency),
    customer: {
      name: customerName(order),
      email: text(order.email) ?? text(order.contact_email) ?? text(order.customer?.email),
    },
    shippingAddress: address
      ? {
          name: text(address.name) ?? joinName(address.first_name, address.last_name),
          line1: text(address.address1),
          line2: text(address.address2),
          city: text(address.city),
          state: text(address.province_code) ?? text(address.province),
          postalCode: text(address.zip),
          country: text(address.country_code) ?? text(address.country),
        }
      : null,
    locationId: restGidOrNull("Location", locationId),
    lines: withLineTax(
      order.line_items.map((line) => mapLine(line, currency)),
      taxMinor,
    ),
    refunds: (order.refunds ?? []).map((refund) => mapRestRefund(refund, currency, order.created_at)),
  };
}

function joinName(first: string | null | undefined, last: string | null | undefined): string | null {
  return text([first, last].filter(Boolean).join(" "));
}

function customerName(order: RestOrder): string | null {
  const customer = order.customer;
  return joinName(customer?.first_name, customer?.last_name) ?? text(order.shipping_address?.name);
}

function mapLine(line: RestLine, currency: string) {
  const allocations = line.discount_allocations ?? [];
  const taxLines = line.tax_lines ?? [];
  return {
    platformLineId: restGid("LineItem", line.id, line.admin_graphql_api_id),
    sku: text(line.sku),
    name: text(line.name) ?? joinName(line.title, line.variant_title) ?? "",
    quantity: line.quantity,
    unitPriceMinor: toMinor(line.price_set?.shop_money?.amount ?? line.price, currency),
    discountMinor:
      allocations.length > 0
        ? sumMinor(
            allocations.map((allocation) => allocation.amount),
            currency,
          )
        : toMinorOrZero(line.total_discount, currency),
    taxMinor:
      taxLines.length > 0
        ? sumMinor(
            taxLines.map((tax) => tax.price_set?.shop_money?.amount ?? tax.price),
            currency,
          )
        : null,
  };
}

/** A REST refund (inside an order, or the body of refunds/create). */
export function mapRestRefund(refund: RestRefund, currency: string, fallbackDate: string): ChannelRefund {
  const refunded = (refund.transactions ?? []).filter(
    (transaction) =>
      transaction.kind?.toLowerCase() === "refund" &&
      (transaction.status ?? "success").toLowerCase() === "success",
  );
  return {
    platformRefundId: restGid("Refund", refund.id, refund.admin_graphql_api_id),
    createdAt: date(refund.created_at ?? refund.processed_at ?? fallbackDate),
    amountMinor: sumMinor(
      refunded.map((transaction) => transaction.amount),
      currency,
    ),
    currency,
    note: text(refund.note),
    lines: (refund.refund_line_items ?? []).map((line) => ({
      platformLineId: restGid("LineItem", line.line_item_id, line.line_item?.admin_graphql_api_id),
      sku: text(line.line_item?.sku),
      quantity: line.quantity,
      restock: restocks(line.restock_type),
    })),
  };
}
