import type { OrderInput } from "./order-input.ts";
import type { orders } from "./schema.ts";

/** An order's row as first stored: money from the input or summed from its lines. */
export type NewOrderRow = Omit<
  typeof orders.$inferSelect,
  "id" | "refundedMinor" | "backordered" | "historical" | "createdAt" | "updatedAt"
>;

export function orderRow(accountId: string, input: OrderInput, warehouseId: string): NewOrderRow {
  const subtotal = input.subtotalMinor ?? input.lines.reduce((n, l) => n + l.quantity * l.unitPriceMinor, 0);
  const discount = input.discountMinor ?? input.lines.reduce((n, l) => n + (l.discountMinor ?? 0), 0);
  const tax = input.taxMinor ?? input.lines.reduce((n, l) => n + (l.taxMinor ?? 0), 0);
  const shipping = input.shippingMinor ?? 0;
  const a = input.shippingAddress;
  return {
    accountId,
    connectionId: input.connectionId ?? null,
    platformOrderId: input.platformOrderId,
    orderNumber: input.orderNumber ?? input.platformOrderId,
    placedAt: input.placedAt,
    currency: input.currency,
    subtotalMinor: subtotal,
    discountMinor: discount,
    taxMinor: tax,
    shippingMinor: shipping,
    totalMinor: input.totalMinor ?? subtotal - discount + tax + shipping,
    customerName: input.customer?.name ?? null,
    customerEmail: input.customer?.email ?? null,
    shipName: a?.name ?? null,
    shipLine1: a?.line1 ?? null,
    shipLine2: a?.line2 ?? null,
    shipCity: a?.city ?? null,
    shipState: a?.state ?? null,
    shipPostalCode: a?.postalCode ?? null,
    shipCountry: a?.country?.toUpperCase() ?? null,
    channelStatus: input.channelStatus ?? null,
    financialStatus: input.financialStatus ?? null,
    status: input.cancelled ? "cancelled" : "pending",
    warehouseId,
    platformUpdatedAt: input.platformUpdatedAt ?? null,
  };
}
