import type { ConnectorEnv, StockWrite, StockWriteResult } from "../contract.ts";

/**
 * The oversell window of a platform without compare-and-set: a push the hub computed before it
 * imported one of the platform's orders would overwrite the stock that order took. Orders still
 * on their way to the hub are those the platform shows and this session has not handed to the hub
 * (through getOrder or listOrders); the push keeps their sales.
 */

/** How long an order may be on its way: an order feed's 5-minute interval and a margin. */
export const IN_FLIGHT_WINDOW_MS = 6 * 60_000;

/** Order ids this session handed to the hub, with when: the hub imports what it reads. */
export function createHandedOrders(now: () => number) {
  const handed = new Map<string, number>();
  return {
    note(ids: string[]) {
      const at = now();
      for (const id of ids) handed.set(id, at);
      for (const [id, when] of handed) if (at - when > IN_FLIGHT_WINDOW_MS) handed.delete(id);
    },
    has: (id: string) => handed.has(id),
  };
}
export type HandedOrders = ReturnType<typeof createHandedOrders>;

/** Units of one write's item that orders in flight hold, and which orders. */
export type InFlight = { quantity: number; orders: string[] };

/**
 * Read-before-write for the items orders in flight hold: nothing is written when the platform
 * already shows the hub's figure (the hub holds the sale: imported elsewhere) or the kept one;
 * otherwise the hub's figure less the in-flight units goes out, so those sales stay taken.
 */
export async function keepInFlightSales(
  writes: StockWrite[],
  sales: Map<StockWrite, InFlight>,
  readCurrent: (held: StockWrite[]) => Promise<Map<string, number>>,
  logger: ConnectorEnv["logger"],
): Promise<{ send: StockWrite[]; done: StockWriteResult[] }> {
  if (sales.size === 0) return { send: writes, done: [] };
  const current = await readCurrent([...sales.keys()]);
  const send: StockWrite[] = [];
  const done: StockWriteResult[] = [];
  for (const write of writes) {
    const sale = sales.get(write);
    const now = current.get(write.inventoryItemId);
    if (!sale) send.push(write);
    else if (now === write.quantity) done.push({ sku: write.sku, status: "ok", quantity: now });
    else {
      const kept = Math.max(0, write.quantity - sale.quantity);
      logger.info(
        { sku: write.sku, hub: write.quantity, platform: now, kept, orders: sale.orders },
        "orders not imported yet hold this stock: the push keeps their sales",
      );
      if (now === kept) done.push({ sku: write.sku, status: "ok", quantity: kept });
      else send.push({ ...write, quantity: kept });
    }
  }
  return { send, done };
}
