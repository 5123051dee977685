import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "../../db/engine.ts";
import { inTransaction } from "../../db/tx.ts";
import { appendEvents } from "../events/index.ts";
import { connectionDisconnected } from "./events.ts";
import { type Connection, connections } from "./schema.ts";

/**
 * Marks a connection disconnected because the platform said the hub lost access (an uninstalled
 * app), and records `connection.disconnected` once: a repeated notice changes nothing. Replacing
 * the credentials (updateConnection) connects it again.
 */
export async function markDisconnected(
  db: Db,
  connection: Pick<Connection, "id" | "accountId" | "platform">,
  reason: string,
  at = new Date(),
): Promise<boolean> {
  return inTransaction(db, async (tx) => {
    const [row] = await tx
      .update(connections)
      .set({ disconnectedAt: at, disconnectedReason: reason, updatedAt: at })
      .where(and(eq(connections.id, connection.id), isNull(connections.disconnectedAt)))
      .returning({ id: connections.id });
    if (!row) return false;
    await appendEvents(tx, [
      connectionDisconnected.of({
        accountId: connection.accountId,
        subject: connection.id,
        payload: { connectionId: connection.id, platform: connection.platform, reason },
      }),
    ]);
    return true;
  });
}
