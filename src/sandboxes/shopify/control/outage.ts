/**
 * A store whose Admin API is down: every API request is answered with `status` until the outage
 * is lifted. Real Shopify outages answer 5xx with a short body and no `Retry-After` (a guess from
 * status-page incidents; the body text is not documented).
 */
export type Outage = { status: 500 | 502 | 503 | 504 | null };

export const OUTAGE_BODIES: Record<number, { errors: string }> = {
  500: { errors: "Internal Server Error" },
  502: { errors: "Bad Gateway" },
  503: { errors: "Service Unavailable" },
  504: { errors: "Gateway Timeout" },
};
