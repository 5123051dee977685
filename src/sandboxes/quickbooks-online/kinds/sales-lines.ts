import { z } from "zod";
import { SALES_TAX_NAME } from "../company.ts";
import { faults } from "../faults.ts";
import { type Fields, isRecord, roundMoney } from "../types.ts";
import { type KindContext, qboNumber, RefInput, resolveRef, type StockLine } from "./kind.ts";

const SalesItemDetailInput = z.looseObject({
  ItemRef: RefInput.optional(),
  Qty: qboNumber.optional(),
  UnitPrice: qboNumber.optional(),
});

export const LineInput = z.looseObject({
  Amount: qboNumber.optional(),
  DetailType: z.string(),
  Description: z.string().optional(),
  SalesItemLineDetail: SalesItemDetailInput.optional(),
});

type LineData = z.output<typeof LineInput>;

function salesItemLine(base: Fields, line: LineData, ctx: KindContext): Fields {
  const detail = line.SalesItemLineDetail;
  if (!detail) throw faults.requiredParam("Line.SalesItemLineDetail");
  if (!detail.ItemRef) throw faults.requiredParam("Line.SalesItemLineDetail.ItemRef");
  const { entity: item, ref } = resolveRef(ctx, "Item", detail.ItemRef, "ItemRef");
  if (line.Amount === undefined) throw faults.requiredParam("Line.Amount");
  const amount = roundMoney(line.Amount);
  let { Qty: qty, UnitPrice: unitPrice } = detail;
  if (
    qty !== undefined &&
    unitPrice !== undefined &&
    Math.abs(roundMoney(qty * unitPrice) - amount) >= 0.005
  ) {
    throw faults.amountMismatch(amount);
  }
  // QBO fills whichever of Qty / UnitPrice is missing from Amount.
  if (qty !== undefined && unitPrice === undefined && qty !== 0) unitPrice = amount / qty;
  if (qty === undefined && unitPrice !== undefined && unitPrice !== 0) qty = amount / unitPrice;
  return {
    ...base,
    Amount: amount,
    SalesItemLineDetail: {
      ...detail,
      ItemRef: ref,
      ...(qty === undefined ? {} : { Qty: qty }),
      ...(unitPrice === undefined ? {} : { UnitPrice: unitPrice }),
      ...(isRecord(item.IncomeAccountRef) ? { ItemAccountRef: item.IncomeAccountRef } : {}),
      TaxCodeRef: lineTaxCode(detail.TaxCodeRef, ctx),
    },
  };
}

/** US lines default to NON; elsewhere each line must name one of the company's tax codes. */
function lineTaxCode(given: unknown, ctx: KindContext): Fields {
  const parsed = RefInput.safeParse(given);
  if (ctx.company.country === "US") return parsed.success ? { value: parsed.data.value } : { value: "NON" };
  if (!parsed.success) {
    throw faults.businessValidation(
      `Make sure all your transactions have a ${SALES_TAX_NAME[ctx.company.country]} rate before you save.`,
    );
  }
  return { value: resolveRef(ctx, "TaxCode", parsed.data, "TaxCodeRef").ref.value };
}

function taxOn(line: Fields, ctx: KindContext): number {
  const detail = line.SalesItemLineDetail;
  if (!isRecord(detail) || !isRecord(detail.TaxCodeRef) || typeof line.Amount !== "number") return 0;
  const code = ctx.store.get("TaxCode", String(detail.TaxCodeRef.value));
  const rate = typeof code?.RatePercent === "number" ? code.RatePercent : 0;
  return (line.Amount * rate) / 100;
}

function normalizeLine(line: LineData, index: number, ctx: KindContext): Fields {
  // Lines are renumbered on every write; ids a client echoes back from a read are not kept.
  const { Id: _id, LineNum: _lineNum, ...rest } = line;
  const base: Fields = { Id: String(index + 1), LineNum: index + 1, ...rest };
  switch (line.DetailType) {
    case "SalesItemLineDetail":
      return salesItemLine(base, line, ctx);
    case "DiscountLineDetail":
      if (line.Amount === undefined) throw faults.requiredParam("Line.Amount");
      return { ...base, Amount: roundMoney(line.Amount) };
    case "DescriptionOnly":
      return { ...base, Amount: 0 };
    default:
      throw faults.invalidProperty("Line.DetailType");
  }
}

/**
 * Normalizes document lines and returns them with QBO's trailing SubTotalLineDetail line.
 * Clients that send a read document back unchanged include that line; it is recomputed, not kept.
 */
export function normalizeLines(
  lines: LineData[] | undefined,
  ctx: KindContext,
): { lines: Fields[]; total: number; tax: number } {
  const kept = (lines ?? []).filter((line) => line.DetailType !== "SubTotalLineDetail");
  if (kept.length === 0) throw faults.requiredParam("Line");
  const normalized = kept.map((line, index) => normalizeLine(line, index, ctx));
  let subtotal = 0;
  let discount = 0;
  let tax = 0;
  for (const line of normalized) {
    const amount = typeof line.Amount === "number" ? line.Amount : 0;
    if (line.DetailType === "SalesItemLineDetail") {
      subtotal += amount;
      tax += taxOn(line, ctx);
    }
    if (line.DetailType === "DiscountLineDetail") discount += amount;
  }
  subtotal = roundMoney(subtotal);
  const subtotalLine = { Amount: subtotal, DetailType: "SubTotalLineDetail", SubTotalLineDetail: {} };
  // Amounts are tax-exclusive, so the tax comes on top of the lines.
  return {
    lines: [...normalized, subtotalLine],
    total: roundMoney(subtotal - discount),
    tax: roundMoney(tax),
  };
}

export function salesStockLines(entity: Fields, sign: 1 | -1): StockLine[] {
  const lines = Array.isArray(entity.Line) ? entity.Line : [];
  const result: StockLine[] = [];
  for (const line of lines) {
    if (!isRecord(line) || line.DetailType !== "SalesItemLineDetail") continue;
    const detail = line.SalesItemLineDetail;
    if (!isRecord(detail) || !isRecord(detail.ItemRef) || typeof detail.Qty !== "number") continue;
    if (typeof detail.ItemRef.value === "string")
      result.push({ itemId: detail.ItemRef.value, qty: sign * detail.Qty });
  }
  return result;
}

/** A voided document keeps its lines with zero amounts and quantities. */
export function zeroLines(entity: Fields): Fields[] {
  const lines = Array.isArray(entity.Line) ? entity.Line : [];
  return lines.filter(isRecord).map((line) => {
    const detail = line.SalesItemLineDetail;
    return {
      ...line,
      Amount: 0,
      ...(isRecord(detail) ? { SalesItemLineDetail: { ...detail, Qty: 0 } } : {}),
    };
  });
}
