import { and, desc, eq, lt } from "drizzle-orm";
import type { Db } from "../../db/engine.ts";
import { stockDrift } from "./schema.ts";

export async function listDrift(db: Db, connectionId: string, limit: number, beforeId?: number) {
  const rows = await db
    .select()
    .from(stockDrift)
    .where(and(eq(stockDrift.connectionId, connectionId), beforeId ? lt(stockDrift.id, beforeId) : undefined))
    .orderBy(desc(stockDrift.id))
    .limit(limit + 1);
  return rows.map((r) => ({
    id: r.id,
    runId: r.runId,
    sku: r.sku,
    locationId: r.locationId,
    hubQuantity: r.hubQuantity,
    platformQuantity: r.platformQuantity,
    lastWriter: r.lastWriter,
    corrected: r.corrected,
    createdAt: r.createdAt.toISOString(),
  }));
}
