import { currencyExponent, toMinorUnits } from "../../lib/money.ts";

/**
 * A platform's decimal money → minor units, exactly: "12.5000" USD → 1250. Places beyond the
 * currency's (BigCommerce's v2 money carries four whatever the currency) are dropped only when they
 * are zeros, because rounding money silently would corrupt the books. Missing or blank is 0.
 */
export function exactMinorUnits(platform: string) {
  return (amount: string | number | null | undefined, currency: string): number => {
    if (amount === null || amount === undefined || amount === "") return 0;
    const match = /^(-?\d+)(?:\.(\d+))?$/.exec(String(amount).trim());
    const places = currencyExponent(currency);
    const fraction = match?.[2] ?? "";
    const kept = fraction.slice(0, places);
    const minor =
      match && /^0*$/.test(fraction.slice(places))
        ? toMinorUnits(kept ? `${match[1]}.${kept}` : (match[1] as string), currency)
        : undefined;
    if (minor === undefined)
      throw new Error(`${platform} sent ${JSON.stringify(amount)} ${currency}, which is not money`);
    return minor;
  };
}
