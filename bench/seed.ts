import type { Database, Db } from "../src/db/engine.ts";
import { importProducts } from "../src/modules/catalog/index.ts";
import { recordImportedQuantities } from "../src/modules/inventory/index.ts";
import { importOrders, type OrderInput } from "../src/modules/orders/index.ts";

/** Bulk data through the product's own import functions, in batches (as a backfill sends them). */

const DAY = 86_400_000;

export const skuOf = (n: number) => `BENCH-${String(n).padStart(7, "0")}`;

/** `count` products with a counted quantity each; returns their SKUs. */
export async function seedProducts(db: Db, accountId: string, count: number, quantity = 1_000_000) {
  const skus: string[] = [];
  for (let i = 0; i < count; i += 5_000) {
    const rows = Array.from({ length: Math.min(5_000, count - i) }, (_, k) => ({
      sku: skuOf(i + k),
      name: `Bench product ${i + k}`,
      price: "9.99",
      currency: "USD",
      quantity,
    }));
    await importProducts(db, accountId, rows, { recordQuantities: recordImportedQuantities });
    skus.push(...rows.map((r) => r.sku));
  }
  return skus;
}

export type OrderSeed = {
  orders: number;
  /** Orders are spread evenly over the `days` whole UTC days before today. */
  days: number;
  skus: readonly string[];
  connectionId: string | null;
  log?: (message: string) => void;
};

/** One to three lines an order, SKUs and prices fixed by the order's number (the same data every run). */
function orderAt(n: number, s: OrderSeed, start: number, step: number): OrderInput {
  const lines = Array.from({ length: (n % 3) + 1 }, (_, j) => {
    const at = (n * 7 + j * 13) % s.skus.length;
    return { sku: s.skus[at]!, quantity: 1 + ((n + j) % 3), unitPriceMinor: 500 + (at % 50) * 100 };
  });
  return {
    connectionId: s.connectionId,
    platformOrderId: `bench-${n}`,
    orderNumber: `#${100_000 + n}`,
    placedAt: new Date(start + Math.floor((n + 0.5) * step)),
    currency: "USD",
    lines,
    taxMinor: (n % 5) * 10,
    shippingMinor: 499,
    customer: { name: `Customer ${n % 997}` },
  };
}

export async function seedOrders(database: Database, accountId: string, s: OrderSeed): Promise<void> {
  const end = Math.floor(Date.now() / DAY) * DAY;
  const start = end - s.days * DAY;
  const step = (s.days * DAY) / s.orders;
  // On PostgreSQL several batches run at once, as core-import does; PGlite runs one statement at a time.
  const concurrency = database.kind === "postgres" ? 4 : 1;
  const perBatch = 200;
  let next = 0;
  const worker = async () => {
    for (;;) {
      const first = next;
      next += perBatch;
      if (first >= s.orders) return;
      const batch = Array.from({ length: Math.min(perBatch, s.orders - first) }, (_, b) =>
        orderAt(first + b, s, start, step),
      );
      await importOrders(database.db, accountId, batch);
      if (first > 0 && first % 20_000 === 0) s.log?.(`${first} orders seeded`);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}
