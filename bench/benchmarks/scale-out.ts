import { sql } from "drizzle-orm";
import type { AppContext } from "../../src/context.ts";
import { queryRows } from "../../src/db/rows.ts";
import { chunks } from "../../src/db/sql.ts";
import { importProducts } from "../../src/modules/catalog/index.ts";
import type { Connection } from "../../src/modules/connections/index.ts";
import { recordImportedQuantities } from "../../src/modules/inventory/index.ts";
import {
  kickDrain,
  listFeeds,
  pumpUntilIdle,
  switchConnectionMode,
  updateFeed,
} from "../../src/modules/sync/index.ts";
import { type ShopifySandbox, startShopifySandbox } from "../../src/sandboxes/shopify/index.ts";
import { type Daemon, startDaemon } from "../../test/helpers/cli.ts";
import type { Benchmark } from "../harness.ts";
import {
  BENCH_SECRET,
  createBenchAccount,
  pairShopify,
  round,
  runFeed,
  startBenchHub,
  waitFor,
} from "../support.ts";

const CONNECTIONS = 20;

/**
 * The PostgreSQL scale-out path: the same stock pushes to 20 Shopify stores (sandboxes, Standard
 * plan) drained by one `stockwire worker` process, then by two, against one database. The outboxes
 * are filled before the workers start; the clock runs from go-live to the last confirmed push.
 */
export const scaleOut: Benchmark = {
  name: "scale-out",
  description:
    "20 connections' stock pushes drained by 1 vs 2 `stockwire worker` processes (PostgreSQL): speed-up",
  engines: ["postgres"],
  async run({ database, smoke, log }) {
    const skusPerConnection = smoke ? 50 : 2_500;
    if (!database.connectionString) throw new Error("scale-out needs PostgreSQL");
    const stores: ShopifySandbox[] = [];
    const hub = await startBenchHub(database, { http: false, work: false });
    try {
      const ctx = hub.ctx;
      for (let i = 0; i < CONNECTIONS; i++) {
        // One seed: every store sells the same catalogue, so one hub change goes to all 20.
        const products = Math.ceil(skusPerConnection / 2) + 5;
        stores.push(
          await startShopifySandbox({ seed: 9, products, orders: 0, locations: 1, shopName: `bench-${i}` }),
        );
      }
      const accountId = await createBenchAccount(ctx.db, "Scale-out");
      const connections: Connection[] = [];
      for (const [i, store] of stores.entries()) {
        const c = await pairShopify(ctx, accountId, store, `Store ${i + 1}`, { onboarding: false });
        await runFeed(ctx, c, "new-products");
        // Only the event-driven stock export stays on: no schedule may fire during a measurement.
        for (const f of await listFeeds(ctx.db, accountId, c.id)) {
          if (f.cron) await updateFeed(ctx.db, accountId, c.id, f.kind, { enabled: false });
        }
        connections.push(c);
      }
      const skus = (
        await queryRows<{ sku: string }>(
          ctx.db,
          sql`select p.sku from products p where p.account_id = ${accountId}
              and (select count(*) from listings l where l.product_id = p.id and l.inventory_item_id is not null) = ${CONNECTIONS}
              order by p.sku limit ${skusPerConnection}`,
        )
      ).map((r) => r.sku);
      log(`${connections.length} stores paired, ${skus.length} SKUs listed on each`);
      const env = {
        DATABASE_URL: database.connectionString,
        STOCKWIRE_SECRET: BENCH_SECRET,
        STOCKWIRE_ALLOW_PRIVATE_URLS: "1",
        LOG_LEVEL: "info",
      };
      const one = await drainWith(1, 101, { ctx, accountId, connections, skus, stores, env, log });
      const two = await drainWith(2, 102, { ctx, accountId, connections, skus, stores, env, log });
      const speedUp = one.seconds / two.seconds;
      const pushes = skus.length * connections.length;
      return {
        parameters: {
          connections: CONNECTIONS,
          skusPerConnection: skus.length,
          pushes,
          plan: "standard",
          workerJobConcurrency: "2 drains per worker process",
        },
        figures: {
          oneWorkerSeconds: round(one.seconds),
          twoWorkersSeconds: round(two.seconds),
          speedUp: round(speedUp),
          idealSpeedUp: 2,
          oneWorkerPushesPerSecond: Math.round(pushes / one.seconds),
          twoWorkersPushesPerSecond: Math.round(pushes / two.seconds),
          lost: one.lost + two.lost,
        },
        headline: `1 worker ${one.seconds.toFixed(1)} s, 2 workers ${two.seconds.toFixed(1)} s: speed-up ${speedUp.toFixed(2)} (ideal 2) for ${pushes} pushes, lost ${one.lost + two.lost}`,
      };
    } finally {
      await hub.stop();
      for (const s of stores) await s.close();
    }
  },
};

type Setup = {
  ctx: AppContext;
  accountId: string;
  connections: Connection[];
  skus: string[];
  stores: ShopifySandbox[];
  env: Record<string, string>;
  log: (m: string) => void;
};

/** Fills every outbox with `quantity` for every SKU, then times `workers` processes emptying them. */
async function drainWith(
  workers: number,
  quantity: number,
  s: Setup,
): Promise<{ seconds: number; lost: number }> {
  const { ctx, accountId, connections } = s;
  const setModes = async (mode: "live" | "test") => {
    for (const c of connections) await switchConnectionMode(ctx.db, accountId, c.id, mode, "bench");
  };
  await setModes("live");
  for (const skus of chunks(s.skus, 5_000)) {
    const rows = skus.map((sku) => ({ sku, name: sku, quantity }));
    await importProducts(ctx.db, accountId, rows, { recordQuantities: recordImportedQuantities });
  }
  await pumpUntilIdle(ctx, 600_000);
  // Parked in test mode, the rows wait; the drain jobs the pump queued find nothing to send.
  await setModes("test");
  const started: Daemon[] = [];
  try {
    for (let i = 0; i < workers; i++) started.push(await startDaemon(["worker"], s.env, /worker started/));
    await new Promise((r) => setTimeout(r, 2_000));
    const t0 = performance.now();
    await setModes("live");
    for (const c of connections) await kickDrain(ctx, c.id);
    const drained = await waitFor(async () => (await outboxCount(ctx, accountId)) === 0, 600_000, 100);
    const seconds = (performance.now() - t0) / 1000;
    if (!drained) throw new Error(`${workers} worker(s) left pushes in the outbox after 10 minutes`);
    let lost = 0;
    for (const store of s.stores) {
      for (const sku of s.skus) if (store.control.getInventory(sku)?.available !== quantity) lost += 1;
    }
    s.log(`${workers} worker(s): ${seconds.toFixed(1)} s, lost ${lost}`);
    return { seconds, lost };
  } finally {
    for (const d of started) await d.stop("SIGTERM");
  }
}

async function outboxCount(ctx: AppContext, accountId: string): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    ctx.db,
    sql`select count(*)::int as n from outbox where account_id = ${accountId}`,
  );
  return row?.n ?? 0;
}
