import type { ChannelOrderLine } from "../contract.ts";
import { allocate } from "./money.ts";

/**
 * Rules both order mappers (GraphQL for polling, REST for webhooks) share, so one order reads the
 * same whichever way it arrived. Statuses are normalised to lower snake_case (`partially_refunded`,
 * `partially_fulfilled`).
 */

const PAID = new Set(["paid", "partially_paid", "partially_refunded", "refunded"]);
const RESTOCKING = new Set(["return", "cancel", "legacy_restock"]);
/** REST spells some fulfilment statuses differently from GraphQL's displayFulfillmentStatus. */
const REST_FULFILLMENT: Record<string, string> = { partial: "partially_fulfilled" };

export function normaliseStatus(value: string | null | undefined): string | null {
  return value ? value.toLowerCase() : null;
}

export function isPaid(financialStatus: string | null): boolean {
  return financialStatus !== null && PAID.has(financialStatus);
}

export function restFulfillmentStatus(value: string | null | undefined): string {
  if (!value) return "unfulfilled";
  const lower = value.toLowerCase();
  return REST_FULFILLMENT[lower] ?? lower;
}

/** RETURN and CANCEL (and pre-2020 LEGACY_RESTOCK) put units back in stock; NO_RESTOCK does not. */
export function restocks(restockType: string | null | undefined): boolean {
  return restockType ? RESTOCKING.has(restockType.toLowerCase()) : false;
}

/** Blank strings are as good as missing (Shopify sends "" for empty address lines and SKUs). */
export function text(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

export function date(value: string): Date {
  const parsed = new Date(value);
  if (Number.isNaN(parsed.getTime()))
    throw new Error(`Shopify sent ${JSON.stringify(value)}, which is not a date`);
  return parsed;
}

type LineDraft = Omit<ChannelOrderLine, "taxMinor"> & { taxMinor: number | null };

/**
 * Lines keep the tax Shopify reports for them. When no line reports any (GraphQL reads here, and
 * REST payloads without `tax_lines`), the order's tax is spread over lines by discounted value so
 * the lines still add up to the order.
 */
export function withLineTax(lines: LineDraft[], orderTaxMinor: number): ChannelOrderLine[] {
  if (lines.some((line) => line.taxMinor !== null && line.taxMinor !== 0)) {
    return lines.map((line) => ({ ...line, taxMinor: line.taxMinor ?? 0 }));
  }
  const weights = lines.map((line) => line.unitPriceMinor * line.quantity - line.discountMinor);
  const shares = allocate(orderTaxMinor, weights);
  return lines.map((line, index) => ({ ...line, taxMinor: shares[index] ?? 0 }));
}
