import { desc, eq } from "drizzle-orm";
import type { Db } from "../../db/engine.ts";
import { shadowPreviews } from "./schema.ts";

export type Preview = {
  kind: string;
  subject: string | null;
  description: string;
  payload: Record<string, unknown>;
};

/** Records what a shadow-mode connection would have sent, instead of sending it. */
export async function recordPreviews(
  db: Db,
  accountId: string,
  connectionId: string,
  previews: Preview[],
): Promise<void> {
  if (previews.length === 0) return;
  await db.insert(shadowPreviews).values(previews.map((p) => ({ ...p, accountId, connectionId })));
}

export async function listPreviews(db: Db, connectionId: string, limit: number) {
  const rows = await db
    .select()
    .from(shadowPreviews)
    .where(eq(shadowPreviews.connectionId, connectionId))
    .orderBy(desc(shadowPreviews.id))
    .limit(limit);
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    subject: r.subject,
    description: r.description,
    payload: r.payload,
    createdAt: r.createdAt.toISOString(),
  }));
}
