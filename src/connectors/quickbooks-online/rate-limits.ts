import type { RateSignals, ResponseView } from "../http/index.ts";

/** QuickBooks Online throttles with 429 and asks for 60 seconds, without a `Retry-After` header (§7.5). */
export function quickBooksSignals(res: ResponseView): RateSignals | undefined {
  return res.status === 429 && !res.headers.has("retry-after") ? { retryAfterMs: 60_000 } : undefined;
}
