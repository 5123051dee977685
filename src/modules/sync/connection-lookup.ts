import { eq } from "drizzle-orm";
import type { Db } from "../../db/engine.ts";
import { connections } from "./schema.ts";

/** Internal lookup for jobs (no account scope: job data carries ids the hub itself wrote). */
export async function getConnectionById(db: Db, id: string) {
  const [row] = await db.select().from(connections).where(eq(connections.id, id));
  return row;
}
