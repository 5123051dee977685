import type { Page } from "../../src/connectors/contract.ts";
import { connectors } from "../../src/connectors/index.ts";
import { type ChannelPlatform, startChannelSandboxProcess } from "../channel-sandbox.ts";
import { channelBound, pairChannel, sessionStats } from "../channel-support.ts";
import { type BenchContext, type BenchResult, rssSampler } from "../harness.ts";
import { createBenchAccount, round, runFeed, startBenchHub } from "../support.ts";
import { createCallMeter, timedConnectors } from "../timed-connectors.ts";

/**
 * `backfill --platform woocommerce|bigcommerce`: the order backfill of a newly paired store (a
 * full new-orders run) against the platform's sandbox in its own process. The bound is what the
 * platform's request limit allows at the requests each order cost (BigCommerce reads an order's
 * lines and addresses apart: ~2 requests an order); WooCommerce publishes none, so its figure is
 * absolute, beside what the connector's own pace allows.
 */
export async function channelBackfill(
  platform: ChannelPlatform,
  { database, smoke, log }: BenchContext,
): Promise<BenchResult> {
  const orders = smoke ? 60 : 2_000;
  const products = smoke ? 30 : 500;
  const quota = platform === "bigcommerce" ? 450 : undefined;
  const sandbox = await startChannelSandboxProcess(platform, {
    seed: 5,
    products,
    orders,
    ...(quota ? { quota } : {}),
  });
  const meter = createCallMeter();
  let read = 0;
  const onResult = (operation: string, result: unknown) => {
    if (operation === "listOrders") read += (result as Page<unknown>).items.length;
  };
  const hub = await startBenchHub(database, {
    http: false,
    work: false,
    connectors: timedConnectors(connectors, meter, onResult),
  });
  const rss = rssSampler();
  try {
    const accountId = await createBenchAccount(hub.ctx.db, "Backfill");
    const connection = await pairChannel(hub.ctx, accountId, sandbox, "Backfill store");
    const catalogue = await runFeed(hub.ctx, connection, "new-products", true);
    log(`${catalogue.counts.new} products imported; backfilling ${orders} orders from ${platform}`);
    meter.reset();
    const before = await sessionStats(hub.ctx, connection.id);
    const rssBefore = rss.now();
    const started = performance.now();
    const run = await runFeed(hub.ctx, connection, "new-orders", true);
    const seconds = (performance.now() - started) / 1000;
    const after = await sessionStats(hub.ctx, connection.id);
    const apiSeconds = meter.totalMs() / 1000;
    const hubSeconds = seconds - apiSeconds;
    const requests = after.requests - before.requests;
    const perOrder = read > 0 ? requests / read : 0;
    const bound = channelBound(platform, quota);
    const wall = read / seconds;
    const boundRate =
      bound.requestsPerSecond === null || perOrder === 0 ? null : bound.requestsPerSecond / perOrder;
    const paceRate = perOrder === 0 ? null : bound.connectorPace / perOrder;
    const c = run.counts;
    return {
      parameters: {
        platform,
        orders,
        products,
        window: "90 days (a full new-orders run)",
        ...bound.parameters,
      },
      figures: {
        ordersRead: read,
        imported: c.imported,
        parkedOrSkipped: c.skipped,
        failed: c.failed,
        wallOrdersPerSecond: Math.round(wall),
        hubOrdersPerSecond: Math.round(read / hubSeconds),
        boundOrdersPerSecond: boundRate === null ? null : round(boundRate),
        ratio: boundRate === null ? null : round(wall / boundRate, 3),
        connectorPaceOrdersPerSecond: paceRate === null ? null : round(paceRate),
        requests,
        requestsPerOrder: round(perOrder),
        throttledReceived: after.throttled - before.throttled,
        seconds: round(seconds),
        hubSeconds: round(hubSeconds),
        apiSeconds: round(apiSeconds),
        rssBeforeMiB: rssBefore,
        peakRssMiB: rss.stop(),
      },
      headline: `${platform}: ${Math.round(wall)} orders/s wall (${read} orders, ${perOrder.toFixed(2)} requests each) vs ${boundRate === null ? `no published bound (sandbox limit ${bound.sandboxLimit}, connector pace ${paceRate?.toFixed(0)})` : `bound ${boundRate.toFixed(1)} (ratio ${(wall / boundRate).toFixed(2)})`}, hub ${hubSeconds.toFixed(1)} s + API ${apiSeconds.toFixed(1)} s`,
    };
  } finally {
    rss.stop();
    await hub.stop();
    await sandbox.stop();
  }
}
