import { sql } from "drizzle-orm";
import type { ClientStats } from "../../src/connectors/http/index.ts";
import { queryRows } from "../../src/db/rows.ts";
import { chunks } from "../../src/db/sql.ts";
import { importProducts } from "../../src/modules/catalog/index.ts";
import { recordImportedQuantities } from "../../src/modules/inventory/index.ts";
import { drainConnection, pumpUntilIdle, switchConnectionMode } from "../../src/modules/sync/index.ts";
import {
  type ChannelPlatform,
  type ChannelSandboxProcess,
  sandboxControl,
  startChannelSandboxProcess,
} from "../channel-sandbox.ts";
import { channelBound, pairChannel, sessionStats } from "../channel-support.ts";
import { type BenchContext, type BenchResult, rssSampler } from "../harness.ts";
import { createBenchAccount, round, runFeed, startBenchHub } from "../support.ts";

/** What the sandbox shows for a SKU at the listing's location. */
async function shown(sandbox: ChannelSandboxProcess, sku: string, locationId: string): Promise<number[]> {
  const path = `stock?sku=${encodeURIComponent(sku)}`;
  if (sandbox.platform === "woocommerce") {
    const items = await sandboxControl<{ stock_quantity: number | null }[]>(sandbox.url, path);
    return items.map((i) => i.stock_quantity ?? Number.NaN);
  }
  const variants = await sandboxControl<{ locations: Record<string, number> }[]>(sandbox.url, path);
  return variants.map((v) => v.locations[locationId] ?? Number.NaN);
}

/**
 * `push-throughput --platform woocommerce|bigcommerce`: one quantity change per listed SKU pushed
 * to the platform's sandbox (its own process), measured against the platform's bound: BigCommerce
 * its 30-second window quota × 2,000 items a payload; WooCommerce publishes none, so the figure is
 * absolute beside the sandbox's configured host limit (none by default) and the connector's own pace.
 */
export async function channelPushThroughput(
  platform: ChannelPlatform,
  { database, smoke, log }: BenchContext,
): Promise<BenchResult> {
  const updates = smoke ? 300 : 20_000;
  const quota = platform === "bigcommerce" ? 150 : undefined;
  const sandbox = await startChannelSandboxProcess(platform, {
    seed: 42,
    products: Math.ceil(updates / 2),
    orders: 0,
    ...(quota ? { quota } : {}),
  });
  const hub = await startBenchHub(database, { http: false, work: false });
  const rss = rssSampler();
  try {
    const db = hub.ctx.db;
    const accountId = await createBenchAccount(db, "Push");
    const connection = await pairChannel(hub.ctx, accountId, sandbox, "Bench store");
    await runFeed(hub.ctx, connection, "new-products", true);
    const listed = await queryRows<{ sku: string; location_id: string }>(
      db,
      sql`select p.sku, l.location_id from listings l join products p on p.id = l.product_id where l.connection_id = ${connection.id} and l.inventory_item_id is not null order by p.sku limit ${updates}`,
    );
    log(`${listed.length} SKUs listed on the ${platform} sandbox`);
    await switchConnectionMode(db, accountId, connection.id, "live", "bench");
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
    const before: ClientStats = await sessionStats(hub.ctx, connection.id);
    const started = performance.now();
    for (let more = true; more; ) more = (await drainConnection(hub.ctx, connection.id)).more;
    const seconds = (performance.now() - started) / 1000;
    const after = await sessionStats(hub.ctx, connection.id);

    let lost = 0;
    for (const some of chunks(changes, 16)) {
      const figures = await Promise.all(some.map((c) => shown(sandbox, c.sku, c.locationId)));
      figures.forEach((values, j) => {
        if (!values.includes(some[j]!.quantity)) lost += 1;
      });
    }
    const [failures] = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from sync_log where connection_id = ${connection.id} and direction = 'push' and result = 'failed'`,
    );
    const requests = after.requests - before.requests;
    const throttled = after.throttled - before.throttled;
    const bound = channelBound(platform, quota);
    const achieved = listed.length / seconds;
    const boundUpdates =
      bound.requestsPerSecond === null ? null : bound.requestsPerSecond * bound.itemsPerRequest;
    const ratio = boundUpdates === null ? null : achieved / boundUpdates;
    return {
      parameters: { platform, updates: listed.length, ...bound.parameters },
      figures: {
        updatesPerSecond: Math.round(achieved),
        boundUpdatesPerSecond: boundUpdates === null ? null : Math.round(boundUpdates),
        ratio: ratio === null ? null : round(ratio, 3),
        connectorPaceUpdatesPerSecond: bound.connectorPace * bound.itemsPerRequest,
        requests,
        seconds: round(seconds),
        lost,
        throttledReceived: throttled,
        throttledSurfacedAsFailures: failures?.n ?? 0,
        peakRssMiB: rss.stop(),
      },
      headline: `${platform}: ${Math.round(achieved)} updates/s vs ${boundUpdates === null ? `no published bound (sandbox limit ${bound.sandboxLimit}, connector pace ${bound.connectorPace * bound.itemsPerRequest})` : `bound ${Math.round(boundUpdates)} (ratio ${ratio!.toFixed(2)})`}, ${requests} requests, lost ${lost}, throttled ${throttled} (${failures?.n ?? 0} surfaced)`,
    };
  } finally {
    rss.stop();
    await hub.stop();
    await sandbox.stop();
  }
}
