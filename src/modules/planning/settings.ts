import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "../../db/engine.ts";
import { invalid } from "../../lib/errors.ts";
import { ALL_CHANNELS, planningSettings } from "./schema.ts";

export type PlanSettings = { reportDays: number; overstockDays: number; understockDays: number };
export const DEFAULT_PLAN_SETTINGS: PlanSettings = { reportDays: 90, overstockDays: 100, understockDays: 7 };

/** The connection's settings, else the account default, else 90 / 100 / 7 days. */
export async function planSettingsFor(
  db: Db,
  accountId: string,
  connectionId: string | null,
): Promise<PlanSettings> {
  const scopes = connectionId ? [connectionId, ALL_CHANNELS] : [ALL_CHANNELS];
  const rows = await db
    .select()
    .from(planningSettings)
    .where(and(eq(planningSettings.accountId, accountId), inArray(planningSettings.connectionId, scopes)));
  const row =
    rows.find((r) => r.connectionId === connectionId) ?? rows.find((r) => r.connectionId === ALL_CHANNELS);
  return row
    ? { reportDays: row.reportDays, overstockDays: row.overstockDays, understockDays: row.understockDays }
    : DEFAULT_PLAN_SETTINGS;
}

/** Scopes with their own settings (ALL_CHANNELS included when set), for the nightly check. */
export async function configuredScopes(db: Db, accountId: string): Promise<string[]> {
  const rows = await db
    .select({ c: planningSettings.connectionId })
    .from(planningSettings)
    .where(eq(planningSettings.accountId, accountId));
  return rows.map((r) => r.c);
}

export async function savePlanSettings(
  db: Db,
  accountId: string,
  connectionId: string | null,
  s: PlanSettings,
): Promise<PlanSettings> {
  if (s.understockDays > s.overstockDays) {
    throw invalid("understock_above_overstock", "understockDays must not be above overstockDays", {
      field: "understockDays",
    });
  }
  const scope = connectionId ?? ALL_CHANNELS;
  await db
    .insert(planningSettings)
    .values({ accountId, connectionId: scope, ...s })
    .onConflictDoUpdate({
      target: [planningSettings.accountId, planningSettings.connectionId],
      set: { ...s, updatedAt: new Date() },
    });
  return s;
}
