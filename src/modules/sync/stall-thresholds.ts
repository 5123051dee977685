import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../db/engine.ts";
import { stallThresholds } from "./schema.ts";

/** How long (seconds) each kind of sync work may wait before its connection counts as stalled. */
export type StallThresholds = {
  /** Oldest stock push or shipping confirmation not yet accepted by the platform; default 120. */
  pushSeconds: number;
  /** Oldest sync job due to start that no worker has taken; default 120. */
  jobSeconds: number;
  /** Longest a running feed run may go without a heartbeat; default 120. */
  heartbeatSeconds: number;
  /** Oldest platform webhook received but not processed; default 120. */
  webhookSeconds: number;
};

export const DEFAULT_STALL_THRESHOLDS: StallThresholds = {
  pushSeconds: 120,
  jobSeconds: 120,
  heartbeatSeconds: 120,
  webhookSeconds: 120,
};

/**
 * Below 30 s the alarm would fire on ordinary platform rate limits and the minute's checks; a day
 * is the most a stock push may lag before overselling is a certainty rather than a risk.
 */
const seconds = z.number().int().min(30).max(86_400).nullable().optional();

/** A change of thresholds; null puts one back to its default. */
export const stallThresholdsUpdate = z.strictObject({
  pushSeconds: seconds,
  jobSeconds: seconds,
  heartbeatSeconds: seconds,
  webhookSeconds: seconds,
});
export type StallThresholdsUpdate = z.infer<typeof stallThresholdsUpdate>;

type Row = typeof stallThresholds.$inferSelect;

/** The defaults with the account's own choices over them. */
export function effectiveThresholds(row: Row | undefined): StallThresholds {
  return {
    pushSeconds: row?.pushSeconds ?? DEFAULT_STALL_THRESHOLDS.pushSeconds,
    jobSeconds: row?.jobSeconds ?? DEFAULT_STALL_THRESHOLDS.jobSeconds,
    heartbeatSeconds: row?.heartbeatSeconds ?? DEFAULT_STALL_THRESHOLDS.heartbeatSeconds,
    webhookSeconds: row?.webhookSeconds ?? DEFAULT_STALL_THRESHOLDS.webhookSeconds,
  };
}

/** Every account's thresholds that differ from the defaults, by account. */
export async function thresholdsByAccount(db: Db, accountId?: string): Promise<Map<string, StallThresholds>> {
  const rows = await db
    .select()
    .from(stallThresholds)
    .where(accountId ? eq(stallThresholds.accountId, accountId) : undefined);
  return new Map(rows.map((r) => [r.accountId, effectiveThresholds(r)]));
}

export async function getStallThresholds(db: Db, accountId: string): Promise<StallThresholds> {
  return (await thresholdsByAccount(db, accountId)).get(accountId) ?? DEFAULT_STALL_THRESHOLDS;
}

/** Saves the fields given (null = back to default) and returns the thresholds now in force. */
export async function saveStallThresholds(
  db: Db,
  accountId: string,
  update: StallThresholdsUpdate,
): Promise<StallThresholds> {
  const set = Object.fromEntries(Object.entries(update).filter(([, v]) => v !== undefined));
  await db
    .insert(stallThresholds)
    .values({ accountId, ...set })
    .onConflictDoUpdate({ target: stallThresholds.accountId, set: { ...set, updatedAt: new Date() } });
  return getStallThresholds(db, accountId);
}
