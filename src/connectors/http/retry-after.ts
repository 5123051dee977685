/**
 * Reads an HTTP `Retry-After` header as milliseconds from `nowMs`: delta-seconds (Shopify REST
 * sends floats like `2.0`) or an HTTP date. Unparseable values are ignored rather than trusted.
 */
export function parseRetryAfter(value: string | null, nowMs: number): number | undefined {
  if (value === null) return undefined;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  // An HTTP date always names its weekday and month; without letters Date.parse reads "-5" as a year.
  const at = /[a-z]/i.test(text) ? Date.parse(text) : Number.NaN;
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - nowMs);
}
