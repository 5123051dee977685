import { toMinorUnits } from "../../lib/money.ts";

/** A decimal amount as Shopify sends it: a string ("12.30", "10.0") or, in some REST payloads, a number. */
export type DecimalAmount = string | number;

/**
 * "12.30" USD → 1230, exactly: digits are shifted by the currency's exponent (Intl), never multiplied
 * as floats. Throws on text that is not a plain decimal or carries more digits than the currency has,
 * because silently rounding money would corrupt the books.
 */
export function toMinor(amount: DecimalAmount, currency: string): number {
  const minor = toMinorUnits(amount, currency);
  if (minor === undefined)
    throw new Error(`Shopify sent ${JSON.stringify(amount)} ${currency}, which is not money`);
  return minor;
}

/** Like `toMinor`, with a missing amount counting as zero (optional totals). */
export function toMinorOrZero(amount: DecimalAmount | null | undefined, currency: string): number {
  return amount === null || amount === undefined ? 0 : toMinor(amount, currency);
}

/** Sums amounts in minor units (integer addition, so the total is exact). */
export function sumMinor(amounts: readonly (DecimalAmount | null | undefined)[], currency: string): number {
  return amounts.reduce<number>((total, amount) => total + toMinorOrZero(amount, currency), 0);
}

/**
 * Splits a non-negative `total` over `weights` in proportion, in whole minor units, so the parts add
 * up to `total` exactly (largest remainder, ties to the earlier part). Used to spread an order's tax
 * over its lines when Shopify reports no per-line tax.
 */
export function allocate(total: number, weights: readonly number[]): number[] {
  const clean = weights.map((weight) => Math.max(0, weight));
  const sum = clean.reduce((acc, weight) => acc + weight, 0);
  if (sum === 0) return clean.map((_, index) => (index === 0 ? total : 0));
  const shares = clean.map((weight, index) => ({
    index,
    part: Math.floor((total * weight) / sum),
    remainder: (total * weight) % sum,
  }));
  let left = total - shares.reduce((acc, share) => acc + share.part, 0);
  const byRemainder = [...shares].sort((a, b) => b.remainder - a.remainder || a.index - b.index);
  for (const share of byRemainder) {
    if (left <= 0) break;
    share.part += 1;
    left -= 1;
  }
  return shares.map((share) => share.part);
}
