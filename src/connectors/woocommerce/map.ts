import type { ChannelOrder, ChannelProduct, ChannelRefund } from "../contract.ts";
import { type AddressFields, addressParts, blankToNull, channelAddress, personName } from "../kit/text.ts";
import type { WooAddress, WooOrder, WooProduct, WooRefund, WooVariation } from "./schemas.ts";

/** Product types whose stock WooCommerce does not keep on the item itself: never tracked. */
export const UNTRACKED_TYPES = new Set(["grouped", "bundle", "external"]);

/** `2026-12-07T10:00:00` (UTC, no offset, as the `_gmt` fields come) → Date. */
export function gmtDate(value: string | null | undefined, fallback = new Date(0)): Date {
  if (!value) return fallback;
  const date = new Date(/[zZ]|[+-]\d\d:\d\d$/.test(value) ? value : `${value}Z`);
  return Number.isNaN(date.getTime()) ? fallback : date;
}

/** `"12.50"` → 1250. WooCommerce stores money as decimal text; two decimals assumed. */
export function minor(value: string | number | null | undefined): number {
  const n = Number(value ?? 0);
  return Number.isFinite(n) ? Math.round(n * 100) : 0;
}

/** Stock item id: the product id, or `parent/variation` (variation writes go through the parent). */
export function itemId(productId: number, variationId?: number): string {
  return variationId === undefined ? String(productId) : `${productId}/${variationId}`;
}

export function parseItemId(id: string): { productId: number; variationId: number | null } {
  const [p, v] = id.split("/");
  return { productId: Number(p), variationId: v === undefined ? null : Number(v) };
}

const grams = (weight: string | null | undefined) =>
  weight ? Math.round(Number(weight) * 1000) || null : null;

/**
 * One sellable item: a simple product (`variation` null) or a variation of a variable one.
 * `manage_stock` off leaves it untracked (no inventory item); a variation whose stock is kept
 * "parent" is the parent's inventory item.
 */
export function mapItem(p: WooProduct, v: WooVariation | null, currency: string | null): ChannelProduct {
  const item = v ?? p;
  const options = Object.fromEntries((v?.attributes ?? []).map((a) => [a.name, a.option]));
  const labels = Object.values(options);
  const tracked = !v
    ? p.manage_stock && itemId(p.id)
    : v.manage_stock === true
      ? itemId(p.id, v.id)
      : v.manage_stock === "parent" && p.manage_stock && itemId(p.id);
  return {
    platformProductId: String(p.id),
    platformVariantId: String(item.id),
    inventoryItemId: tracked || null,
    sku: item.sku,
    name: labels.length > 0 ? `${p.name} – ${labels.join(" / ")}` : p.name,
    groupKey: v ? String(p.id) : null,
    options,
    barcode: blankToNull(item.global_unique_id),
    priceMinor: item.regular_price ? minor(item.regular_price) : null,
    currency,
    weightGrams: grams(item.weight),
    images: v?.image ? [v.image.src] : p.images.map((i) => i.src),
    archived: p.status !== "publish" || (v?.status !== undefined && v.status !== "publish"),
    updatedAt: gmtDate(v?.date_modified_gmt ?? p.date_modified_gmt),
  };
}

const PAID = new Set(["processing", "completed", "refunded"]);
const CANCELLED = new Set(["cancelled", "failed", "trash"]);

/** WooCommerce never returns a null address: an all-blank one is no address. */
const ADDRESS: AddressFields = {
  ...{ first: "first_name", last: "last_name", line1: "address_1", line2: "address_2", city: "city" },
  ...{ state: "state", postalCode: "postcode", country: "country" },
};
const parts = (a: WooAddress) => addressParts(a, ADDRESS);

export function mapRefund(r: WooRefund, currency: string): ChannelRefund {
  return {
    platformRefundId: String(r.id),
    createdAt: gmtDate(r.date_created_gmt),
    amountMinor: minor(r.amount),
    currency,
    note: blankToNull(r.reason),
    lines: r.line_items.map((l) => {
      const refunded = l.meta_data.find((m) => m.key === "_refunded_item_id")?.value;
      return {
        platformLineId: refunded === undefined ? String(l.id) : String(refunded),
        sku: blankToNull(l.sku),
        quantity: Math.abs(l.quantity),
        // The refund JSON does not say whether stock went back; the hub does not assume it.
        restock: false,
      };
    }),
  };
}

export function mapOrder(o: WooOrder, refunds: WooRefund[]): ChannelOrder {
  const placedAt = gmtDate(o.date_created_gmt);
  const lines = o.line_items.map((l) => ({
    platformLineId: String(l.id),
    sku: blankToNull(l.sku),
    name: l.name,
    quantity: l.quantity,
    unitPriceMinor: minor(l.price),
    discountMinor: Math.max(0, minor(l.subtotal) - minor(l.total)),
    taxMinor: minor(l.total_tax),
  }));
  const subtotal = lines.reduce((sum, l) => sum + l.unitPriceMinor * l.quantity, 0);
  return {
    platformOrderId: String(o.id),
    orderNumber: o.number ?? String(o.id),
    placedAt,
    updatedAt: gmtDate(o.date_modified_gmt, placedAt),
    currency: o.currency,
    paid: PAID.has(o.status) || (!!o.date_paid_gmt && !CANCELLED.has(o.status)),
    cancelled: CANCELLED.has(o.status),
    financialStatus: o.status,
    fulfillmentStatus: o.status === "completed" ? "fulfilled" : null,
    subtotalMinor: subtotal,
    discountMinor: minor(o.discount_total),
    taxMinor: minor(o.total_tax),
    shippingMinor: minor(o.shipping_total),
    totalMinor: minor(o.total),
    // customer_id 0 is a guest; billing blanks are no customer details.
    customer: {
      name: personName(parts(o.billing)) ?? personName(parts(o.shipping)),
      email: blankToNull(o.billing?.email),
    },
    shippingAddress: channelAddress(parts(o.shipping)),
    locationId: null,
    lines,
    refunds: refunds.map((r) => mapRefund(r, o.currency)),
  };
}
