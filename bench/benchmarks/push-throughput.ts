import { sql } from "drizzle-orm";
import { loadConfig } from "../../src/config.ts";
import { connectors } from "../../src/connectors/index.ts";
import { queryRows } from "../../src/db/rows.ts";
import { chunks } from "../../src/db/sql.ts";
import { startHub } from "../../src/hub.ts";
import { createLogger } from "../../src/logger.ts";
import { createAccountWithOwner } from "../../src/modules/accounts/index.ts";
import { importProducts } from "../../src/modules/catalog/index.ts";
import { recordImportedQuantities } from "../../src/modules/inventory/index.ts";
import {
  createConnection,
  createRun,
  drainConnection,
  executeFeedRun,
  pumpUntilIdle,
  switchConnectionMode,
} from "../../src/modules/sync/index.ts";
import { type Benchmark, rssSampler } from "../harness.ts";
import { startShopifySandboxProcess } from "../sandbox-process.ts";
import { channelPushThroughput } from "./channel-push.ts";

/** Standard plan, as published (platform-apis.md §1.3): 100 points/s restore, 2,000-point bucket. */
const RESTORE_PER_SECOND = 100;
const BUCKET = 2000;
/** What real stores charge for `inventorySetQuantities` (measured; issue 19), as the sandbox does. */
const MUTATION_COST = 11;
const ITEMS_PER_CALL = 250;

/**
 * 100k SKU quantity changes pushed to the Shopify sandbox (Standard plan). The bound is what the
 * plan allows for this many calls: the bucket's burst, then restore rate ÷ mutation cost × 250.
 */
export const pushThroughput: Benchmark = {
  name: "push-throughput",
  description:
    "SKU quantity changes pushed to a Shopify store (sandbox, Standard plan) vs the plan's published bound",
  engines: ["embedded", "postgres"],
  platforms: ["shopify", "woocommerce", "bigcommerce"],
  async run(context) {
    if (context.platform !== "shopify") return channelPushThroughput(context.platform, context);
    const { database, smoke, log } = context;
    const updates = smoke ? 2_000 : 100_000;
    // ~2.5 variants per product on average in the sandbox's generated catalogue. The store runs in
    // its own process: Shopify's work is not the hub's, and on the embedded engine it would
    // otherwise share one thread with the hub and its database.
    const sandbox = await startShopifySandboxProcess({
      seed: 42,
      products: Math.ceil(updates / 2.3),
      orders: 0,
      locations: 1,
      plan: "standard",
    });
    const control = async <T>(path: string): Promise<T> => {
      const response = await fetch(`${sandbox.url}/_sandbox/${path}`);
      if (!response.ok) throw new Error(`sandbox control ${path}: ${response.status}`);
      return (await response.json()) as T;
    };
    const throttledSoFar = async () => (await control<{ throttled: number }>("call-log")).throttled;
    const config = loadConfig({
      STOCKWIRE_SECRET: "ab".repeat(32),
      STOCKWIRE_ALLOW_PRIVATE_URLS: "1",
      LOG_LEVEL: "silent",
    });
    const hub = await startHub({
      config,
      logger: createLogger("silent"),
      http: false,
      work: false,
      database,
      connectors,
    });
    const rss = rssSampler();
    try {
      const db = hub.ctx.db;
      const { accountId } = await createAccountWithOwner(hub.ctx, {
        accountName: "Bench",
        email: `bench-${Date.now()}@example.com`,
        password: "bench password",
      });
      const connection = await createConnection(
        hub.ctx,
        accountId,
        {
          platform: "shopify",
          name: "Bench store",
          credentials: {
            shopDomain: sandbox.url,
            accessToken: sandbox.accessToken,
            apiSecret: sandbox.apiSecret,
          },
        },
        "bench",
      );
      const products = await createRun(db, {
        accountId,
        connectionId: connection.id,
        feedKind: "new-products",
        trigger: "manual",
        full: true,
      });
      await executeFeedRun(hub.ctx, {
        runId: products.id,
        connectionId: connection.id,
        kind: "new-products",
      });
      const listed = await queryRows<{ sku: string; location_id: string }>(
        db,
        sql`select p.sku, l.location_id from listings l join products p on p.id = l.product_id where l.connection_id = ${connection.id} and l.inventory_item_id is not null order by p.sku limit ${updates}`,
      );
      log(`${listed.length} SKUs listed on the sandbox store`);
      await switchConnectionMode(db, accountId, connection.id, "live", "bench");

      // One quantity change per SKU, each different from what the store holds.
      const changes = listed.map((l, k) => ({
        sku: l.sku,
        locationId: l.location_id,
        quantity: 1000 + (k % 97),
      }));
      for (const some of chunks(changes, 5000)) {
        const rows = some.map((c) => ({ sku: c.sku, name: c.sku, quantity: c.quantity }));
        await importProducts(db, accountId, rows, { recordQuantities: recordImportedQuantities });
      }
      await pumpUntilIdle(hub.ctx, 600_000);
      const throttledBefore = await throttledSoFar();
      const started = performance.now();
      for (let more = true; more; ) more = (await drainConnection(hub.ctx, connection.id)).more;
      const seconds = (performance.now() - started) / 1000;

      const calls = Math.ceil(listed.length / ITEMS_PER_CALL);
      const boundSeconds = Math.max(0, calls * MUTATION_COST - BUCKET) / RESTORE_PER_SECOND;
      const steadyBound = (RESTORE_PER_SECOND / MUTATION_COST) * ITEMS_PER_CALL;
      const bound = boundSeconds > 0 ? listed.length / boundSeconds : Number.POSITIVE_INFINITY;
      const achieved = listed.length / seconds;
      // Every SKU read back from the store (16 at a time over its control API).
      let lost = 0;
      for (const some of chunks(changes, 16)) {
        const shown = await Promise.all(
          some.map((c) =>
            control<{ available: number } | null>(
              `inventory?sku=${encodeURIComponent(c.sku)}&locationId=${encodeURIComponent(c.locationId)}`,
            ),
          ),
        );
        shown.forEach((level, j) => {
          if (level?.available !== some[j]!.quantity) lost += 1;
        });
      }
      const reasons = await queryRows<{ reason: string; n: number }>(
        db,
        sql`select reason, count(*)::int as n from sync_log where connection_id = ${connection.id} and result <> 'ok' group by reason order by n desc limit 3`,
      );
      for (const r of reasons) log(`not pushed (${r.n}): ${r.reason}`);
      const [failures] = await queryRows<{ n: number }>(
        db,
        sql`select count(*)::int as n from sync_log where connection_id = ${connection.id} and direction = 'push' and result = 'failed'`,
      );
      const throttled = (await throttledSoFar()) - throttledBefore;
      const ratio = Number.isFinite(bound) ? achieved / bound : 1;
      return {
        parameters: {
          updates: listed.length,
          plan: "standard",
          restorePerSecond: RESTORE_PER_SECOND,
          bucket: BUCKET,
          mutationCost: MUTATION_COST,
          itemsPerCall: ITEMS_PER_CALL,
        },
        figures: {
          updatesPerSecond: Math.round(achieved),
          boundUpdatesPerSecond: Number.isFinite(bound) ? Math.round(bound) : null,
          steadyStateBound: steadyBound,
          ratio: Number(ratio.toFixed(3)),
          seconds: Number(seconds.toFixed(2)),
          lost,
          throttledReceived: throttled,
          throttledSurfacedAsFailures: failures?.n ?? 0,
          peakRssMiB: rss.stop(),
        },
        headline: `${Math.round(achieved)} updates/s vs bound ${Number.isFinite(bound) ? Math.round(bound) : "∞"} (ratio ${ratio.toFixed(2)}), lost ${lost}, throttled ${throttled} (0 surfaced)`,
      };
    } finally {
      rss.stop();
      await hub.stop();
      await sandbox.stop();
    }
  },
};
