import { z } from "zod";
import { invalid } from "../../lib/errors.ts";
import { fromMinorUnits, toMinorUnits } from "../../lib/money.ts";
import type { SupplierLink } from "./links.ts";
import type { Supplier } from "./suppliers.ts";

/** An amount in minor units as a decimal number in its currency (1250 USD → 12.5), or null. */
export function decimalOf(minor: number | null, currency: string): number | null {
  return minor === null ? null : Number(fromMinorUnits(minor, currency));
}

/** A decimal amount from the API in minor units of `currency`; a 400 naming `field` when it does not fit. */
export function minorOf(value: string | number | null | undefined, currency: string, field: string) {
  if (value === undefined || value === null) return value;
  const minor = toMinorUnits(value, currency);
  if (minor === undefined || minor < 0)
    throw invalid("amount_invalid", `${field} "${value}" is not an amount in ${currency}`, { field });
  return minor;
}

export function supplierView(s: Supplier) {
  return {
    id: s.id,
    name: s.name,
    email: s.email,
    currency: s.currency,
    defaultLeadTimeDays: s.defaultLeadTimeDays,
    minimumOrderValue: decimalOf(s.minimumOrderMinor, s.currency),
    notes: s.notes,
    createdAt: s.createdAt.toISOString(),
    updatedAt: s.updatedAt.toISOString(),
  };
}

export function linkView(l: SupplierLink, sku: string | undefined, currency: string) {
  return {
    id: l.id,
    supplierId: l.supplierId,
    productId: l.productId,
    sku: sku ?? null,
    supplierSku: l.supplierSku,
    cost: decimalOf(l.costMinor, currency),
    currency,
    leadTimeDays: l.leadTimeDays,
    minOrderQuantity: l.minOrderQuantity,
    orderMultiple: l.orderMultiple,
    preferred: l.preferred,
    origin: l.origin,
    updatedAt: l.updatedAt.toISOString(),
  };
}

export const supplierResponse = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string().nullable(),
  currency: z.string(),
  defaultLeadTimeDays: z.number().nullable(),
  minimumOrderValue: z.number().nullable(),
  notes: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const linkResponse = z.object({
  id: z.string(),
  supplierId: z.string(),
  productId: z.string(),
  sku: z.string().nullable(),
  supplierSku: z.string(),
  cost: z.number().nullable(),
  currency: z.string(),
  leadTimeDays: z.number().nullable(),
  minOrderQuantity: z.number(),
  orderMultiple: z.number(),
  preferred: z.boolean(),
  origin: z.string(),
  updatedAt: z.string(),
});

export const linkImportResponse = z.object({
  created: z.number(),
  updated: z.number(),
  rejected: z.array(z.object({ line: z.number(), sku: z.string(), error: z.string() })),
});
