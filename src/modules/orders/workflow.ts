import { eq } from "drizzle-orm";
import type { Db } from "../../db/engine.ts";
import { inTransaction } from "../../db/tx.ts";
import { AppError } from "../../lib/errors.ts";
import { appendEvents } from "../events/index.ts";
import { cancelInTx } from "./cancel.ts";
import { orderStatusChanged } from "./events.ts";
import { lockOrder } from "./order-lookup.ts";
import { type OrderStatus, orders } from "./schema.ts";

/**
 * Status changes a person may make. Shipping happens through shipments and refunds through
 * refunds, so `shipped`, `refunded` and `partially_refunded` are reached by those, not set by hand.
 */
const manual: Record<OrderStatus, OrderStatus[]> = {
  pending: ["processing", "cancelled"],
  processing: ["pending", "cancelled"],
  shipped: ["completed"],
  partially_refunded: ["completed"],
  completed: [],
  cancelled: [],
  refunded: [],
};

export async function changeOrderStatus(
  db: Db,
  accountId: string,
  orderId: string,
  to: OrderStatus,
  actor: string,
) {
  return inTransaction(db, async (tx) => {
    const order = await lockOrder(tx, accountId, orderId);
    if (order.status === to) return { status: to, changed: false };
    if (!manual[order.status].includes(to)) {
      throw new AppError(
        "unexpected_state",
        "invalid_transition",
        `an order cannot go from ${order.status} to ${to} by hand`,
        {
          allowed: manual[order.status],
        },
      );
    }
    if (to === "cancelled") {
      await cancelInTx(tx, order, actor);
      return { status: to, changed: true };
    }
    await tx.update(orders).set({ status: to, updatedAt: new Date() }).where(eq(orders.id, order.id));
    await appendEvents(tx, [
      orderStatusChanged.of({
        accountId,
        subject: order.id,
        payload: {
          orderId: order.id,
          from: order.status,
          status: to,
          by: actor,
          connectionId: order.connectionId,
        },
      }),
    ]);
    return { status: to, changed: true };
  });
}
