import type { ChannelOrder, ChannelOrderLine, ChannelRefund } from "../contract.ts";
import { type AddressFields, addressParts, channelAddress, personName, trimmedOrNull } from "../kit/text.ts";
import { toMinor } from "./map-product.ts";
import type { BcOrder, BcOrderProduct, BcRefund, BcShippingAddress } from "./schemas.ts";

/**
 * BigCommerce order statuses by `status_id`. Paid: the payment was taken (shipping, shipped,
 * completed, refunded ones included). Incomplete, Pending, Awaiting Payment, Manual Verification
 * Required and Disputed wait; Cancelled and Declined are cancelled.
 */
const PAID_STATUSES = new Set([2, 3, 4, 8, 9, 10, 11, 14]);
const CANCELLED_STATUSES = new Set([5, 6]);
const FULFILLMENT: Record<number, string> = { 2: "fulfilled", 3: "partially_fulfilled", 10: "fulfilled" };

const text = trimmedOrNull;

function date(value: string): Date {
  const parsed = new Date(value);
  if (Number.isNaN(parsed.getTime()))
    throw new Error(`BigCommerce sent ${JSON.stringify(value)}, which is not a date`);
  return parsed;
}

const ADDRESS: AddressFields = {
  ...{ first: "first_name", last: "last_name", line1: "street_1", line2: "street_2", city: "city" },
  ...{ state: "state", postalCode: "zip", country: "country" },
};

function shippingAddress(a: BcShippingAddress | undefined): ChannelOrder["shippingAddress"] {
  return channelAddress(a && { ...addressParts(a, ADDRESS), country: text(a.country_iso2) ?? a.country });
}

function line(product: BcOrderProduct, currency: string): ChannelOrderLine {
  const unitPriceMinor = toMinor(product.price_ex_tax, currency);
  const taxMinor =
    product.total_inc_tax !== undefined && product.total_ex_tax !== undefined
      ? toMinor(product.total_inc_tax, currency) - toMinor(product.total_ex_tax, currency)
      : 0;
  return {
    platformLineId: String(product.id),
    // A line keeps the SKU as sold; blank is reported by the hub, never guessed from the name.
    sku: text(product.sku) === null ? null : (product.sku as string),
    name: product.name,
    quantity: product.quantity,
    unitPriceMinor,
    discountMinor: 0,
    taxMinor,
  };
}

/**
 * BigCommerce's refund record says which order lines and how many, not whether they went back on
 * the shelf: the hub does not restock them (a restock shows up as a stock change on the store).
 */
function refund(record: BcRefund, products: BcOrderProduct[], currency: string): ChannelRefund {
  return {
    platformRefundId: String(record.id),
    createdAt: date(record.created),
    amountMinor: toMinor(record.total_amount.toFixed(4), currency),
    currency,
    note: text(record.reason),
    lines: record.items
      .filter((item) => item.item_type === "PRODUCT")
      .map((item) => ({
        platformLineId: String(item.item_id),
        sku: text(products.find((p) => p.id === item.item_id)?.sku) ?? null,
        quantity: item.quantity ?? 0,
        restock: false,
      })),
  };
}

export type OrderParts = {
  order: BcOrder;
  products: BcOrderProduct[];
  addresses: BcShippingAddress[];
  refunds: BcRefund[];
};

/** A v2 order and its sub-resources as one hub order; guest orders (customer 0, no address) keep nulls. */
export function mapOrder({ order, products, addresses, refunds }: OrderParts): ChannelOrder {
  const currency = order.currency_code;
  const billing = order.billing_address ?? {};
  const customerName = personName({ first: billing.first_name, last: billing.last_name });
  const subtotalMinor = toMinor(order.subtotal_ex_tax, currency);
  const shippingMinor = toMinor(order.shipping_cost_ex_tax ?? order.base_shipping_cost, currency);
  const discountMinor = toMinor(order.discount_amount, currency) + toMinor(order.coupon_discount, currency);
  return {
    platformOrderId: String(order.id),
    orderNumber: String(order.id),
    placedAt: date(order.date_created),
    updatedAt: date(order.date_modified),
    currency,
    paid: PAID_STATUSES.has(order.status_id),
    cancelled: CANCELLED_STATUSES.has(order.status_id),
    financialStatus: text(order.payment_status)?.toLowerCase().replaceAll(" ", "_") ?? null,
    fulfillmentStatus: FULFILLMENT[order.status_id] ?? "unfulfilled",
    subtotalMinor,
    discountMinor,
    taxMinor: toMinor(order.total_tax, currency),
    shippingMinor,
    totalMinor: toMinor(order.total_inc_tax, currency),
    customer: {
      name: customerName,
      email: text(billing.email),
    },
    shippingAddress: shippingAddress(addresses[0]),
    locationId: null,
    lines: products.map((p) => line(p, currency)),
    refunds: refunds.map((r) => refund(r, products, currency)),
  };
}
