/** Minor-unit digits of an ISO 4217 currency (JPY 0, USD 2, KWD 3). */
export function currencyDigits(currency: string): number {
  return new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions()
    .maximumFractionDigits as number;
}

/** qbXML AMTTYPE / PRICETYPE text: `1234` minor units of USD → `12.34`. */
export function decimalOf(minor: number, currency: string): string {
  const digits = currencyDigits(currency);
  const sign = minor < 0 ? "-" : "";
  const abs = Math.abs(minor)
    .toString()
    .padStart(digits + 1, "0");
  return digits === 0 ? `${sign}${abs}` : `${sign}${abs.slice(0, -digits)}.${abs.slice(-digits)}`;
}

/** `12.34` → 1234; null when the text has more digits than the currency (reported, not rounded). */
export function minorOf(text: string, currency: string): number | null {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (!match) return null;
  const digits = currencyDigits(currency);
  const fraction = (match[3] ?? "").replace(/0+$/, "");
  if (fraction.length > digits) return null;
  const value = Number(match[2]) * 10 ** digits + Number(fraction.padEnd(digits, "0") || "0");
  return match[1] === "-" ? -value : value;
}
