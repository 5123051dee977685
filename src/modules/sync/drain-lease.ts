import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/engine.ts";
import { workerIdentity } from "../system/index.ts";
import { drainLeases } from "./schema.ts";

/** Long enough for one drain slice plus slack; short enough that a crash stalls a queue briefly. */
export const LEASE_MS = 45_000;

/** Takes (or renews) the connection's drain lease; false when a live worker holds it. */
export async function acquireDrainLease(db: Db, connectionId: string, now = new Date()): Promise<boolean> {
  const expiresAt = new Date(now.getTime() + LEASE_MS);
  const rows = await db
    .insert(drainLeases)
    .values({ connectionId, holder: workerIdentity, expiresAt })
    .onConflictDoUpdate({
      target: drainLeases.connectionId,
      set: { holder: workerIdentity, expiresAt },
      setWhere: sql`${drainLeases.expiresAt} < ${now.toISOString()}::timestamptz or ${drainLeases.holder} = ${workerIdentity}`,
    })
    .returning({ holder: drainLeases.holder });
  return rows.length > 0;
}

export async function releaseDrainLease(db: Db, connectionId: string): Promise<void> {
  await db
    .delete(drainLeases)
    .where(and(eq(drainLeases.connectionId, connectionId), eq(drainLeases.holder, workerIdentity)));
}
