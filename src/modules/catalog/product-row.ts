import { z } from "zod";
import { isCurrencyCode, toMinorUnits } from "../../lib/money.ts";
import { normaliseSku } from "./sku.ts";

/** One product as an import (CSV line, JSON item or channel record) describes it. */
export type ProductRow = {
  sku: string;
  name: string;
  groupKey?: string | undefined;
  options?: Record<string, string> | undefined;
  barcode?: string | undefined;
  weightGrams?: number | undefined;
  priceMinor?: number | undefined;
  costMinor?: number | undefined;
  currency?: string | undefined;
  images?: string[] | undefined;
  archived?: boolean | undefined;
  leadTimeDays?: number | undefined;
  lowStockThreshold?: number | undefined;
  allowBackorder?: boolean | undefined;
  /** Counted on-hand quantity for the default warehouse (recorded as an `import` movement). */
  quantity?: number | undefined;
};

const blankToUndefined = (v: unknown) => (v === "" || v === null ? undefined : v);
const int = (min: number) => z.preprocess(blankToUndefined, z.coerce.number().int().min(min).optional());
const bool = z.preprocess(
  (v) =>
    typeof v === "string"
      ? ((
          { "": undefined, true: true, yes: true, "1": true, false: false, no: false, "0": false } as Record<
            string,
            boolean | undefined
          >
        )[v.trim().toLowerCase()] ?? v)
      : v,
  z.boolean().optional(),
);
const money = z.preprocess(blankToUndefined, z.union([z.string(), z.number()]).optional());
const text = (max: number) => z.preprocess(blankToUndefined, z.coerce.string().trim().max(max).optional());

const rowSchema = z.object({
  sku: z.unknown(),
  name: z.preprocess(blankToUndefined, z.coerce.string().trim().min(1, "name is empty").max(500)),
  groupKey: text(255),
  options: z.preprocess(parseOptions, z.record(z.string(), z.coerce.string()).optional()),
  barcode: text(64),
  weightGrams: int(0),
  price: money,
  priceMinor: int(0),
  cost: money,
  costMinor: int(0),
  currency: z.preprocess(
    blankToUndefined,
    z.string().trim().toUpperCase().refine(isCurrencyCode, "not an ISO 4217 code").optional(),
  ),
  images: z.preprocess(
    (v) =>
      typeof v === "string"
        ? v
            .split("|")
            .map((s) => s.trim())
            .filter(Boolean)
        : v,
    z.array(z.url()).max(50).optional(),
  ),
  archived: bool,
  leadTimeDays: int(0),
  lowStockThreshold: int(0),
  allowBackorder: bool,
  quantity: int(0),
});

/** CSV writes options as `Size=M;Color=Red`. */
function parseOptions(v: unknown): unknown {
  if (typeof v !== "string") return v ?? undefined;
  if (v.trim() === "") return undefined;
  return Object.fromEntries(
    v.split(";").map((pair) => pair.split("=").map((s) => s.trim()) as [string, string]),
  );
}

export type RowCheck = { ok: true; row: ProductRow } | { ok: false; sku: string; error: string };

/** Validates and normalises one import row; the error names the field and the problem. */
export function checkProductRow(raw: Record<string, unknown>): RowCheck {
  const sku = normaliseSku(raw.sku);
  const rawSku = typeof raw.sku === "string" || typeof raw.sku === "number" ? String(raw.sku) : "";
  if (!sku.ok) return { ok: false, sku: rawSku, error: sku.error };
  const parsed = rowSchema.safeParse(raw);
  if (!parsed.success) {
    const first = parsed.error.issues[0]!;
    return { ok: false, sku: sku.sku, error: `${first.path.join(".") || "row"}: ${first.message}` };
  }
  const r = parsed.data;
  const currency = r.currency ?? "USD";
  const priceMinor = r.priceMinor ?? (r.price !== undefined ? toMinorUnits(r.price, currency) : undefined);
  if (r.price !== undefined && priceMinor === undefined)
    return { ok: false, sku: sku.sku, error: `price: "${r.price}" is not an amount in ${currency}` };
  const costMinor = r.costMinor ?? (r.cost !== undefined ? toMinorUnits(r.cost, currency) : undefined);
  if (r.cost !== undefined && costMinor === undefined)
    return { ok: false, sku: sku.sku, error: `cost: "${r.cost}" is not an amount in ${currency}` };
  return {
    ok: true,
    row: {
      sku: sku.sku,
      name: r.name,
      groupKey: r.groupKey,
      options: r.options,
      barcode: r.barcode,
      weightGrams: r.weightGrams,
      priceMinor,
      costMinor,
      currency: r.currency ?? (priceMinor !== undefined || costMinor !== undefined ? currency : undefined),
      images: r.images,
      archived: r.archived,
      leadTimeDays: r.leadTimeDays,
      lowStockThreshold: r.lowStockThreshold,
      allowBackorder: r.allowBackorder,
      quantity: r.quantity,
    },
  };
}
