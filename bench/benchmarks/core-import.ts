import { sql } from "drizzle-orm";
import { queryRows } from "../../src/db/rows.ts";
import { createHubAccountHooks } from "../../src/jobs.ts";
import { createAccountWithOwner } from "../../src/modules/accounts/index.ts";
import { importProducts } from "../../src/modules/catalog/index.ts";
import { recordImportedQuantities } from "../../src/modules/inventory/index.ts";
import { importOrders } from "../../src/modules/orders/index.ts";
import { type Benchmark, rssSampler } from "../harness.ts";

/** Import 100k products and 1M order lines through the service layer (issue: inventory core). */
export const coreImport: Benchmark = {
  name: "core-import",
  description: "Products and order lines imported through the service layer: rows/s and peak RSS",
  engines: ["embedded", "postgres"],
  async run({ database, smoke, log }) {
    const productCount = smoke ? 2_000 : 100_000;
    const linesPerOrder = 5;
    const orderLines = smoke ? 2_000 : 1_000_000;
    const db = database.db;
    const { accountId } = await createAccountWithOwner(
      { db, accountHooks: createHubAccountHooks() },
      {
        accountName: "Bench",
        email: `bench-${Date.now()}@example.com`,
        password: "bench password",
      },
    );
    const rss = rssSampler();

    const productsStarted = performance.now();
    const batch = 5_000;
    for (let i = 0; i < productCount; i += batch) {
      const rows = Array.from({ length: Math.min(batch, productCount - i) }, (_, k) => ({
        sku: `B-${String(i + k).padStart(7, "0")}`,
        name: `Bench product ${i + k}`,
        price: "9.99",
        currency: "USD",
        quantity: 1_000_000,
      }));
      await importProducts(db, accountId, rows, { recordQuantities: recordImportedQuantities });
    }
    const productSeconds = (performance.now() - productsStarted) / 1000;
    log(`${productCount} products in ${productSeconds.toFixed(1)} s`);

    const orders = Math.ceil(orderLines / linesPerOrder);
    const ordersStarted = performance.now();
    // Batches as a backfill would send them; on PostgreSQL several batches run at once.
    const concurrency = database.kind === "postgres" ? 4 : 1;
    const perBatch = 200;
    let next = 0;
    const worker = async () => {
      for (;;) {
        const start = next;
        next += perBatch;
        if (start >= orders) break;
        const batch = Array.from({ length: Math.min(perBatch, orders - start) }, (_, b) => {
          const n = start + b;
          return {
            platformOrderId: `bench-${n}`,
            placedAt: new Date(Date.UTC(2026, 0, 1) + n * 1000),
            currency: "USD",
            lines: Array.from({ length: linesPerOrder }, (_, k) => ({
              sku: `B-${String((n * linesPerOrder + k) % productCount).padStart(7, "0")}`,
              quantity: 1,
              unitPriceMinor: 999,
            })),
          };
        });
        await importOrders(db, accountId, batch);
        if (start > 0 && start % 20_000 === 0) log(`${start} orders`);
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    const orderSeconds = (performance.now() - ordersStarted) / 1000;
    const peak = rss.stop();
    const [check] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from order_lines`);
    const productsPerSecond = Math.round(productCount / productSeconds);
    const linesPerSecond = Math.round((orders * linesPerOrder) / orderSeconds);
    return {
      parameters: {
        products: productCount,
        orderLines: orders * linesPerOrder,
        linesPerOrder,
        ordersPerBatch: perBatch,
        concurrency,
      },
      figures: {
        productsPerSecond,
        orderLinesPerSecond: linesPerSecond,
        ordersPerSecond: Math.round(orders / orderSeconds),
        productSeconds: Number(productSeconds.toFixed(2)),
        orderSeconds: Number(orderSeconds.toFixed(2)),
        peakRssMiB: peak,
        orderLinesStored: check?.n ?? null,
      },
      headline: `${productsPerSecond} products/s, ${linesPerSecond} order lines/s, peak RSS ${peak} MiB`,
    };
  },
};
