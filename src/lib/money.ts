/** Digits after the decimal point for an ISO 4217 currency (JPY 0, USD 2, KWD 3). */
export function currencyExponent(currency: string): number {
  return (
    new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2
  );
}

export function isCurrencyCode(value: string): boolean {
  if (!/^[A-Z]{3}$/.test(value)) return false;
  try {
    new Intl.NumberFormat("en", { style: "currency", currency: value });
    return true;
  } catch {
    return false;
  }
}

/**
 * "19.99" in major units → 1999 minor units, exactly (no float arithmetic). Returns undefined for
 * text that is not a plain decimal or has more digits than the currency allows.
 */
export function toMinorUnits(value: string | number, currency: string): number | undefined {
  const text = typeof value === "number" ? String(value) : value.trim();
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (!match) return undefined;
  const exponent = currencyExponent(currency);
  const fraction = (match[3] ?? "").replace(/0+$/, "");
  if (fraction.length > exponent) return undefined;
  const minor = Number(match[2]) * 10 ** exponent + Number(fraction.padEnd(exponent, "0") || "0");
  return match[1] ? -minor : minor;
}

export function fromMinorUnits(minor: number, currency: string): string {
  const exponent = currencyExponent(currency);
  const sign = minor < 0 ? "-" : "";
  const abs = Math.abs(minor);
  if (exponent === 0) return `${sign}${abs}`;
  const whole = Math.floor(abs / 10 ** exponent);
  const fraction = String(abs % 10 ** exponent).padStart(exponent, "0");
  return `${sign}${whole}.${fraction}`;
}
