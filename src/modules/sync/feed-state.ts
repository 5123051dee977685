import { and, eq } from "drizzle-orm";
import type { Db } from "../../db/engine.ts";
import { feeds } from "./schema.ts";

export async function listFeedsOf(db: Db, connectionId: string) {
  return db.select().from(feeds).where(eq(feeds.connectionId, connectionId));
}

export async function feedOf(db: Db, connectionId: string, kind: string) {
  const [row] = await db
    .select()
    .from(feeds)
    .where(and(eq(feeds.connectionId, connectionId), eq(feeds.kind, kind)));
  return row;
}
