import { createHash } from "node:crypto";

/**
 * A `requestid` for one logical write: derived from the caller's idempotency key and what is
 * written, so the same write repeated (a retry, a re-run job) gets the same id and QuickBooks
 * answers it with the first result, while a different write under the same key does not collide.
 * QuickBooks refuses ids over 50 characters; this one is 43.
 */
export function requestIdFor(idempotencyKey: string, resource: string, payload: unknown): string {
  const digest = createHash("sha256")
    .update(`${resource}\n${idempotencyKey}\n${JSON.stringify(payload)}`)
    .digest("hex");
  return `sw-${digest.slice(0, 40)}`;
}
