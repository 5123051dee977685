import { currencyExponent, toMinorUnits } from "../../lib/money.ts";

/**
 * "12.5000" USD → 1250. BigCommerce's v2 money carries four places whatever the currency; places
 * beyond the currency's are dropped only when they are zeros, because rounding money silently
 * would corrupt the books.
 */
export function toMinor(amount: string | number | null | undefined, currency: string): number {
  if (amount === null || amount === undefined || amount === "") return 0;
  const text = String(amount).trim();
  const places = currencyExponent(currency);
  const match = /^(-?\d+)(?:\.(\d+))?$/.exec(text);
  const fraction = match?.[2] ?? "";
  const kept = fraction.slice(0, places);
  const dropped = fraction.slice(places);
  const minor =
    match && /^0*$/.test(dropped)
      ? toMinorUnits(kept ? `${match[1]}.${kept}` : (match[1] as string), currency)
      : undefined;
  if (minor === undefined)
    throw new Error(`BigCommerce sent ${JSON.stringify(amount)} ${currency}, which is not money`);
  return minor;
}
