import type { PostableOrder, PostableRefund } from "./read-model.ts";
import type { RefundDocument, SaleDocument, SummaryLine } from "./schema.ts";
import { orderNumbersNote } from "./summary-builder.ts";

/**
 * A document to post, still in hub terms (SKUs, not QuickBooks item ids). Shadow mode records it
 * as the preview; live mode resolves the SKUs and sends it.
 */
export type DocumentDraft = {
  kind: SaleDocument | RefundDocument;
  docNumber: string;
  txnDate: string;
  customerName: string;
  currency: string;
  privateNote: string | null;
  items: { sku: string; quantity: number; unitPriceMinor: number; description?: string }[];
  discountMinor: number;
};

/** QuickBooks item names for the non-product parts of a sale (service items in the company). */
export const SHIPPING_ITEM = "Shipping";
export const TAX_ITEM = "Sales Tax";
/** QuickBooks' DocNumber limit. */
const DOC_NUMBER_MAX = 21;

const date = (d: Date) => d.toISOString().slice(0, 10);

function extras(shippingMinor: number, taxMinor: number): DocumentDraft["items"] {
  return [
    ...(shippingMinor > 0 ? [{ sku: SHIPPING_ITEM, quantity: 1, unitPriceMinor: shippingMinor }] : []),
    ...(taxMinor > 0 ? [{ sku: TAX_ITEM, quantity: 1, unitPriceMinor: taxMinor }] : []),
  ];
}

export function orderDraft(
  order: PostableOrder,
  fallbackCustomer: string,
  kind: SaleDocument = "SalesReceipt",
): DocumentDraft {
  return {
    kind,
    docNumber: order.orderNumber.replace(/^#/, "").slice(0, DOC_NUMBER_MAX),
    txnDate: date(order.placedAt),
    customerName: order.customerName ?? fallbackCustomer,
    currency: order.currency,
    privateNote: `Order ${order.orderNumber}`,
    items: [
      ...order.lines.map((l) => ({ sku: l.sku, quantity: l.quantity, unitPriceMinor: l.unitPriceMinor })),
      ...extras(order.shippingMinor, order.taxMinor),
    ],
    discountMinor: order.discountMinor,
  };
}

export type StoredSummary = {
  periodKey: string;
  channelConnectionId: string;
  currency: string;
  lines: SummaryLine[];
  discountMinor: number;
  taxMinor: number;
  shippingMinor: number;
  orderNumbers: string[];
};

/** e.g. `S20240503-1a2b`: the period plus a short connection tag, so two channels' summaries differ. */
export function summaryDocNumber(s: Pick<StoredSummary, "periodKey" | "channelConnectionId">): string {
  return `S${s.periodKey.replaceAll("-", "")}-${s.channelConnectionId.slice(0, 4)}`;
}

export function summaryDraft(s: StoredSummary, customerName: string, channelName: string): DocumentDraft {
  const txnDate = s.periodKey.length === 7 ? `${s.periodKey}-01` : s.periodKey;
  return {
    kind: "SalesReceipt",
    docNumber: summaryDocNumber(s),
    txnDate,
    customerName,
    currency: s.currency,
    privateNote: orderNumbersNote(`${channelName} ${s.periodKey} orders`, s.orderNumbers),
    items: [
      ...s.lines.map((l) => ({ sku: l.sku, quantity: l.quantity, unitPriceMinor: l.unitPriceMinor })),
      ...extras(s.shippingMinor, s.taxMinor),
    ],
    discountMinor: s.discountMinor,
  };
}

/**
 * A refund as a RefundReceipt (money paid back, the default) or a CreditMemo (setting). A line
 * whose refunded amount is not a whole multiple of its quantity keeps the order's unit price (or,
 * when more than that was refunded, the amount per unit rounded up) and the difference becomes a
 * discount, so the total is still exact to the cent.
 */
export function refundDraft(
  refund: PostableRefund,
  customerName: string,
  summaryDoc: string | null,
  kind: RefundDocument = "RefundReceipt",
): DocumentDraft {
  let discountMinor = 0;
  const items = refund.lines.map((l) => {
    if (l.amountMinor % l.quantity === 0)
      return { sku: l.sku, quantity: l.quantity, unitPriceMinor: l.amountMinor / l.quantity };
    const unitPriceMinor =
      l.amountMinor <= l.quantity * l.unitPriceMinor
        ? l.unitPriceMinor
        : Math.ceil(l.amountMinor / l.quantity);
    discountMinor += l.quantity * unitPriceMinor - l.amountMinor;
    return { sku: l.sku, quantity: l.quantity, unitPriceMinor };
  });
  const reference = summaryDoc ? ` (in summary ${summaryDoc})` : "";
  return {
    kind,
    docNumber: `R${refund.orderNumber.replace(/^#/, "")}-${refund.id.slice(0, 4)}`.slice(0, DOC_NUMBER_MAX),
    txnDate: date(refund.refundedAt),
    customerName,
    currency: refund.currency,
    privateNote: `Refund of order ${refund.orderNumber}${reference}`,
    items,
    discountMinor,
  };
}
