import type { ChannelOrder } from "../contract.ts";
import { exactMinorUnits } from "../kit/money.ts";
import { addressParts, channelAddress, trimmedOrNull } from "../kit/text.ts";
import { pacificDate } from "./pacific.ts";
import type { SsOrder } from "./schemas.ts";

const toMinor = exactMinorUnits("ShipStation");

/** Statuses of orders paid for (or otherwise released to ship): only these are imported (R-SYNC-4). */
const PAID = new Set(["awaiting_shipment", "pending_fulfillment", "shipped", "on_hold"]);

const ADDRESS = {
  first: "name",
  last: "-",
  line1: "street1",
  line2: "street2",
  city: "city",
  state: "state",
  postalCode: "postalCode",
  country: "country",
} as const;

/**
 * A v1 order as a hub order. ShipStation orders carry no currency (the account's, USD unless the
 * connection says); adjustment lines are discounts or fees, not goods; the sub-store the order
 * came from is its `subChannelId`, so summaries can group by it (R-ORD-3).
 */
export function mapOrder(order: SsOrder, currency: string): ChannelOrder {
  const money = (value: number | null | undefined) => toMinor(value ?? 0, currency);
  const goods = order.items.filter((i) => !i.adjustment);
  const adjustments = order.items.filter((i) => i.adjustment);
  const subtotalMinor = goods.reduce((sum, i) => sum + money(i.unitPrice) * i.quantity, 0);
  const adjustmentMinor = adjustments.reduce((sum, i) => sum + money(i.unitPrice) * i.quantity, 0);
  const storeId = order.advancedOptions?.storeId;
  return {
    platformOrderId: String(order.orderId),
    orderNumber: order.orderNumber,
    placedAt: pacificDate(order.orderDate),
    updatedAt: pacificDate(order.modifyDate),
    currency,
    paid: PAID.has(order.orderStatus),
    cancelled: order.orderStatus === "cancelled",
    financialStatus: order.paymentDate ? "paid" : "pending",
    fulfillmentStatus: order.orderStatus === "shipped" ? "fulfilled" : "unfulfilled",
    subtotalMinor,
    discountMinor: Math.max(0, -adjustmentMinor),
    taxMinor: money(order.taxAmount),
    shippingMinor: money(order.shippingAmount),
    totalMinor: money(order.orderTotal),
    customer: { name: trimmedOrNull(order.billTo?.name), email: trimmedOrNull(order.customerEmail) },
    shippingAddress: channelAddress(addressParts(order.shipTo, ADDRESS)),
    locationId: null,
    subChannelId: storeId == null ? null : String(storeId),
    lines: goods.map((i) => ({
      platformLineId: String(i.orderItemId),
      sku: i.sku ?? null,
      name: i.name ?? "",
      quantity: i.quantity,
      unitPriceMinor: money(i.unitPrice),
      discountMinor: 0,
      taxMinor: money(i.taxAmount),
    })),
    refunds: [],
  };
}
