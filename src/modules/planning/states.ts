import { and, eq } from "drizzle-orm";
import type { Db } from "../../db/engine.ts";
import { plannerReport, type ReportRow } from "./report.ts";
import { ALL_CHANNELS, planStates } from "./schema.ts";
import { configuredScopes, planSettingsFor } from "./settings.ts";

export type StatusChange = { row: ReportRow; connectionId: string | null; from: string | null };

/**
 * Walks the whole report of each scope and returns the products whose status changed since the
 * last walk, recording the new status: alerts fire on changes only (R-NOT-2, "at most once per
 * state change"). Scopes: the account default plus every connection with its own settings.
 */
export async function planStatusChanges(
  db: Db,
  accountId: string,
  now = new Date(),
): Promise<StatusChange[]> {
  const scopes = new Set([ALL_CHANNELS, ...(await configuredScopes(db, accountId))]);
  const changes: StatusChange[] = [];
  for (const scope of scopes) {
    const connectionId = scope === ALL_CHANNELS ? null : scope;
    const settings = await planSettingsFor(db, accountId, connectionId);
    const known = new Map(
      (
        await db
          .select()
          .from(planStates)
          .where(and(eq(planStates.accountId, accountId), eq(planStates.connectionId, scope)))
      ).map((s) => [s.productId, s.status]),
    );
    let afterSku: string | undefined;
    for (;;) {
      const page = await plannerReport(db, accountId, { settings, connectionId, now, afterSku, limit: 1000 });
      for (const row of page.slice(0, 1000)) {
        const before = known.get(row.productId) ?? null;
        if (before === row.status) continue;
        await db
          .insert(planStates)
          .values({
            accountId,
            connectionId: scope,
            productId: row.productId,
            status: row.status,
            changedAt: now,
          })
          .onConflictDoUpdate({
            target: [planStates.accountId, planStates.connectionId, planStates.productId],
            set: { status: row.status, changedAt: now },
          });
        // A first sighting that is "ok" is not news; anything else is.
        if (!(before === null && row.status === "ok")) changes.push({ row, connectionId, from: before });
      }
      if (page.length <= 1000) break;
      afterSku = page[999]!.sku;
    }
  }
  return changes;
}
