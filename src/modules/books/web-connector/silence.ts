import { eq } from "drizzle-orm";
import type { Db } from "../../../db/engine.ts";
import { qbwcContacts } from "../schema.ts";

/** Runs of the Web Connector's schedule that may pass without a call before the alarm. */
export const SILENT_RUNS = 3;

/** Since when a Web Connector has not called, and how long it may stay silent (SILENT_RUNS × its schedule). */
export type WebConnectorSilence = { since: Date; allowedSeconds: number };

/**
 * The Web Connector's silence per QuickBooks Desktop connection (one account's, or every one), from
 * its last call, or from the .qwc download before the first. The hub cannot call QuickBooks
 * Desktop; a Web Connector that stopped calling is the only sign that nothing reaches the books, so
 * the stall alarm (sync) measures it beside its own queues. Connections without a .qwc yet are left out.
 */
export async function webConnectorSilences(
  db: Db,
  accountId?: string,
): Promise<Map<string, WebConnectorSilence>> {
  const rows = await db
    .select()
    .from(qbwcContacts)
    .where(accountId ? eq(qbwcContacts.accountId, accountId) : undefined);
  const out = new Map<string, WebConnectorSilence>();
  for (const row of rows) {
    const since = row.lastContactAt ?? row.qwcIssuedAt;
    if (since) out.set(row.connectionId, { since, allowedSeconds: SILENT_RUNS * row.runEveryMinutes * 60 });
  }
  return out;
}
