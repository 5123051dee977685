import { fromMinorUnits, toMinorUnits } from "../../lib/money.ts";

/**
 * QuickBooks amounts are JSON numbers in major units. Converting through the decimal *text*
 * keeps them exact: `Number("19.99")` serialises back to `19.99`, and reading goes through
 * `String(n)`, never through multiplication.
 */
export function toQboAmount(minor: number, currency: string): number {
  if (!Number.isSafeInteger(minor))
    throw new RangeError(`amount ${minor} is not a whole number of minor units`);
  return Number(fromMinorUnits(minor, currency));
}

/** A QuickBooks amount back to minor units; undefined when it has more digits than the currency. */
export function fromQboAmount(amount: number, currency: string): number | undefined {
  // String(1e-7) is "1e-7": QuickBooks never sends amounts that small, so refuse rather than guess.
  return toMinorUnits(amount, currency);
}
