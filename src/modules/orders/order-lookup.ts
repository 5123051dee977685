import { and, eq } from "drizzle-orm";
import type { Db } from "../../db/engine.ts";
import { notFound } from "../../lib/errors.ts";
import { orders } from "./schema.ts";

export type Order = typeof orders.$inferSelect;

export async function lockOrder(tx: Db, accountId: string, orderId: string): Promise<Order> {
  const [order] = await tx
    .select()
    .from(orders)
    .where(and(eq(orders.accountId, accountId), eq(orders.id, orderId)))
    .for("update");
  if (!order) throw notFound("order");
  return order;
}

/** The hub id of a channel order, if it was imported. */
export async function findOrderId(
  db: Db,
  accountId: string,
  connectionId: string,
  platformOrderId: string,
): Promise<string | undefined> {
  const [row] = await db
    .select({ id: orders.id })
    .from(orders)
    .where(
      and(
        eq(orders.accountId, accountId),
        eq(orders.connectionId, connectionId),
        eq(orders.platformOrderId, platformOrderId),
      ),
    );
  return row?.id;
}
