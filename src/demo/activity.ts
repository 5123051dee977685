import type { ShopifySandbox } from "../sandboxes/shopify/index.ts";

export type ActivityStore = { name: string; sandbox: ShopifySandbox };

export type ActivityOptions = {
  stores: ActivityStore[];
  /** Time between two events; default 4000 ms. */
  intervalMs?: number;
  /** The stream stops by itself after this many events; default 1000 (over an hour at the default pace). */
  maxEvents?: number;
  /** Source of randomness in [0, 1); default Math.random. */
  random?: () => number;
  log?: (line: string) => void;
};

export type ActivityCounts = { orders: number; refunds: number; stockEdits: number; skipped: number };

export type Activity = {
  counts(): ActivityCounts;
  stop(): void;
};

/** Below this a SKU is left alone, so the demo never sells a store out. */
const MIN_AVAILABLE = 3;
const RECENT_ORDERS = 20;

type PlacedOrder = { store: ActivityStore; orderId: string; sku: string; quantity: number };

/**
 * A gentle stream of what happens in shops all day: an order on a random store every few seconds,
 * now and then a refund with restock of one of those orders, and now and then stock received at
 * a store and entered there (an edit the hub did not make). Everything goes through the sandboxes'
 * control API, so the hub learns of it the way it would from real shops: by webhook.
 */
export function startActivity(options: ActivityOptions): Activity {
  const random = options.random ?? Math.random;
  const intervalMs = options.intervalMs ?? 4000;
  const maxEvents = options.maxEvents ?? 1000;
  const log = options.log ?? (() => undefined);
  const counts: ActivityCounts = { orders: 0, refunds: 0, stockEdits: 0, skipped: 0 };
  const recent: PlacedOrder[] = [];
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;

  const pick = <T>(items: readonly T[]): T | undefined => items[Math.floor(random() * items.length)];
  const skusOf = (store: ActivityStore) => store.sandbox.store.variants.map((v) => v.sku);
  const available = (store: ActivityStore, sku: string) =>
    store.sandbox.control.getInventory(sku)?.available ?? 0;

  const placeOrder = (): boolean => {
    const store = pick(options.stores);
    if (!store) return false;
    const sellable = skusOf(store).filter((sku) => available(store, sku) >= MIN_AVAILABLE);
    const sku = pick(sellable);
    if (!sku) return false;
    const quantity = random() < 0.7 ? 1 : 2;
    const order = store.sandbox.control.createOrder({ lines: [{ sku, quantity }] });
    recent.push({ store, orderId: order.id, sku, quantity });
    if (recent.length > RECENT_ORDERS) recent.shift();
    counts.orders += 1;
    log(`activity: order ${order.name} on ${store.name}: ${quantity} × ${sku}`);
    return true;
  };

  const refundOne = (): boolean => {
    const order = recent.splice(Math.floor(random() * recent.length), 1)[0];
    if (!order) return false;
    order.store.sandbox.control.createRefund({
      orderId: order.orderId,
      lines: [{ sku: order.sku, quantity: order.quantity, restock: true }],
    });
    counts.refunds += 1;
    log(`activity: refund with restock of ${order.quantity} × ${order.sku} on ${order.store.name}`);
    return true;
  };

  const editStock = (): boolean => {
    const store = pick(options.stores);
    const sku = store && pick(skusOf(store));
    if (!store || !sku) return false;
    const quantity = available(store, sku) + 5 + Math.floor(random() * 11);
    store.sandbox.control.setInventory({ sku, quantity });
    counts.stockEdits += 1;
    log(`activity: stock received at ${store.name}: ${sku} set to ${quantity} there`);
    return true;
  };

  const tick = () => {
    if (stopped) return;
    const roll = random();
    try {
      const done = roll < 0.1 ? refundOne() : roll < 0.2 ? editStock() : placeOrder();
      if (!done) counts.skipped += 1;
    } catch (error) {
      counts.skipped += 1;
      log(`activity: skipped an event: ${(error as Error).message}`);
    }
    const total = counts.orders + counts.refunds + counts.stockEdits + counts.skipped;
    if (total >= maxEvents) {
      log(`activity: stopping after ${total} events`);
      stopped = true;
      return;
    }
    timer = setTimeout(tick, intervalMs);
  };
  timer = setTimeout(tick, intervalMs);

  return {
    counts: () => ({ ...counts }),
    stop: () => {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
