import { shouldClose } from "./order-math.ts";
import type { Store } from "./store.ts";
import type { Order } from "./types.ts";

/** Stamps a change on an order and archives it once it is settled and shipped, as Shopify does. */
export function touchOrder(store: Store, order: Order, at: number): void {
  order.updatedAt = at;
  if (order.closedAt === null && shouldClose(order)) order.closedAt = at;
  store.versions.orders += 1;
}
