import type { ConnectorEnv, StockLevel, StockWrite, StockWriteResult } from "../contract.ts";
import type { ChannelSession } from "./channel.ts";

/**
 * The oversell window of a platform without compare-and-set: a push the hub computed before it
 * imported one of the platform's orders would overwrite the stock that order took. Orders still
 * on their way to the hub are those the platform shows and this session has not handed to the hub
 * (through getOrder or listOrders); the push keeps their sales.
 */

/** How long an order may be on its way: an order feed's 5-minute interval and a margin. */
export const IN_FLIGHT_WINDOW_MS = 6 * 60_000;
/** Pages of recent orders read per push at the most (more than one only for a busy store). */
const MAX_PAGES = 3;

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

type OrderReads = Pick<ChannelSession, "listOrders" | "getOrder">;

/**
 * One session's side of the narrowing: its order reads note the orders they hand to the hub (pushes
 * stop keeping their sales), and each push takes a guard naming them.
 */
export function sessionInFlight(env: ConnectorEnv, logger: ConnectorEnv["logger"]) {
  const nowMs = () => (env.now ? env.now().getTime() : Date.now());
  const handed = createHandedOrders(nowMs);
  return {
    guard: (): InFlightGuard => ({ handed, nowMs: nowMs(), logger }),
    handing: (reads: OrderReads): OrderReads => ({
      async listOrders(options) {
        const page = await reads.listOrders(options);
        handed.note(page.items.map((o) => o.platformOrderId));
        return page;
      },
      async getOrder(platformOrderId) {
        const order = await reads.getOrder(platformOrderId);
        handed.note([platformOrderId]);
        return order;
      },
    }),
  };
}

/** Units of one write's item that orders in flight hold, and which orders. */
export type InFlight = { quantity: number; orders: string[] };

/** How a platform shows its recent orders that took stock, and what their lines took. */
export type RecentOrders<Order, Line> = {
  /** One page of the orders changed since `since` whose status took stock, newest first. */
  page(page: number, since: Date): Promise<{ items: Order[]; totalPages: number | null }>;
  id(order: Order): string;
  /** The order's lines; read only for an order this session has not handed to the hub. */
  lines(order: Order): Line[] | Promise<Line[]>;
  /** Units of the write's inventory item this line took (0 when it is another item's). */
  units(write: StockWrite, line: Line): number;
};

/** Units of each write's item taken by the platform's recent orders this session has not handed to the hub. */
export async function unimportedSales<Order, Line>(
  writes: StockWrite[],
  handed: HandedOrders,
  nowMs: number,
  recent: RecentOrders<Order, Line>,
): Promise<Map<StockWrite, InFlight>> {
  const found = new Map<StockWrite, InFlight>();
  const since = new Date(nowMs - IN_FLIGHT_WINDOW_MS);
  for (let page = 1; page <= MAX_PAGES && writes.length > 0; page++) {
    const answer = await recent.page(page, since);
    for (const order of answer.items.filter((o) => !handed.has(recent.id(o)))) {
      const lines = await recent.lines(order);
      for (const write of writes) {
        const units = lines.reduce((n, line) => n + recent.units(write, line), 0);
        if (units === 0) continue;
        const entry = found.get(write) ?? { quantity: 0, orders: [] };
        entry.quantity += units;
        entry.orders.push(recent.id(order));
        found.set(write, entry);
      }
    }
    if (answer.totalPages === null || page >= answer.totalPages) break;
  }
  return found;
}

const levelKey = (at: { inventoryItemId: string; locationId: string }) =>
  `${at.inventoryItemId}|${at.locationId}`;

/**
 * Read-before-write for the items orders in flight hold: nothing is written when the platform
 * already shows the hub's figure (the hub holds the sale: imported elsewhere) or the kept one;
 * otherwise the hub's figure less the in-flight units goes out, so those sales stay taken.
 */
export async function keepInFlightSales(
  writes: StockWrite[],
  sales: Map<StockWrite, InFlight>,
  readCurrent: (held: StockWrite[]) => Promise<StockLevel[]>,
  logger: ConnectorEnv["logger"],
): Promise<{ send: StockWrite[]; done: StockWriteResult[] }> {
  if (sales.size === 0) return { send: writes, done: [] };
  const current = new Map((await readCurrent([...sales.keys()])).map((l) => [levelKey(l), l.quantity]));
  const send: StockWrite[] = [];
  const done: StockWriteResult[] = [];
  for (const write of writes) {
    const sale = sales.get(write);
    const now = current.get(levelKey(write));
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

export type InFlightGuard = { handed: HandedOrders; nowMs: number; logger: ConnectorEnv["logger"] };

/**
 * The whole narrowing for one push: the writes whose items recent unimported orders hold are read
 * first and keep those sales (`keepInFlightSales`); without a guard every write goes out as it is.
 */
export async function narrowOversell<Order, Line>(
  writes: StockWrite[],
  guard: InFlightGuard | undefined,
  recent: RecentOrders<Order, Line>,
  readCurrent: (held: StockWrite[]) => Promise<StockLevel[]>,
): Promise<{ send: StockWrite[]; done: StockWriteResult[] }> {
  if (!guard) return { send: writes, done: [] };
  const sales = await unimportedSales(writes, guard.handed, guard.nowMs, recent);
  return keepInFlightSales(writes, sales, readCurrent, guard.logger);
}
