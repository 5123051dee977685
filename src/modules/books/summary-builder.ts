import type { SummaryLine } from "./schema.ts";

/** The parts of an order a summary needs, in minor units of `currency`. */
export type SummarisedOrder = {
  id: string;
  orderNumber: string;
  currency: string;
  discountMinor: number;
  taxMinor: number;
  shippingMinor: number;
  lines: { sku: string; name: string; quantity: number; unitPriceMinor: number }[];
};

export type SummaryDraft = {
  currency: string;
  lines: SummaryLine[];
  discountMinor: number;
  taxMinor: number;
  shippingMinor: number;
  totalMinor: number;
  orders: { id: string; orderNumber: string }[];
};

/**
 * Groups every line of the orders by SKU (R-ORD-3: fifty orders of widget A → one line of 50).
 * A SKU sold at two prices gives one line per price: QuickBooks requires Amount = Qty × UnitPrice
 * exactly, so averaging would break the cent-exact total. Integer arithmetic only.
 */
export function buildSummary(currency: string, orders: readonly SummarisedOrder[]): SummaryDraft {
  const bySkuAndPrice = new Map<string, SummaryLine>();
  let discountMinor = 0;
  let taxMinor = 0;
  let shippingMinor = 0;
  for (const order of orders) {
    if (order.currency !== currency) throw new Error(`order ${order.orderNumber} is not in ${currency}`);
    discountMinor += order.discountMinor;
    taxMinor += order.taxMinor;
    shippingMinor += order.shippingMinor;
    for (const line of order.lines) {
      const key = `${line.sku}\u0000${line.unitPriceMinor}`;
      const existing = bySkuAndPrice.get(key);
      const amount = line.quantity * line.unitPriceMinor;
      if (existing) {
        existing.quantity += line.quantity;
        existing.amountMinor += amount;
      } else {
        bySkuAndPrice.set(key, {
          sku: line.sku,
          name: line.name,
          quantity: line.quantity,
          unitPriceMinor: line.unitPriceMinor,
          amountMinor: amount,
        });
      }
    }
  }
  const lines = [...bySkuAndPrice.values()].sort(
    (a, b) => a.sku.localeCompare(b.sku) || a.unitPriceMinor - b.unitPriceMinor,
  );
  const itemsMinor = lines.reduce((n, l) => n + l.amountMinor, 0);
  return {
    currency,
    lines,
    discountMinor,
    taxMinor,
    shippingMinor,
    totalMinor: itemsMinor - discountMinor + taxMinor + shippingMinor,
    orders: orders.map((o) => ({ id: o.id, orderNumber: o.orderNumber })),
  };
}

const NOTE_LIMIT = 4000;

/** The private note listing the covered order numbers, cut to QuickBooks' 4,000 characters. */
export function orderNumbersNote(prefix: string, orderNumbers: readonly string[]): string {
  let note = `${prefix}: ${orderNumbers.join(", ")}`;
  if (note.length <= NOTE_LIMIT) return note;
  // The full list stays in the hub (GET /api/v1/books/summaries); the note says how many are cut.
  let kept = orderNumbers.length;
  do {
    kept -= 1;
    note = `${prefix}: ${orderNumbers.slice(0, kept).join(", ")} … and ${orderNumbers.length - kept} more`;
  } while (note.length > NOTE_LIMIT && kept > 0);
  return note;
}
