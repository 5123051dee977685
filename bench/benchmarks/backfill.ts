import type { Page } from "../../src/connectors/contract.ts";
import { connectors } from "../../src/connectors/index.ts";
import type { Benchmark } from "../harness.ts";
import { rssSampler } from "../harness.ts";
import { startShopifySandboxProcess } from "../sandbox-process.ts";
import { createBenchAccount, issueSize, pairShopify, round, runFeed, startBenchHub } from "../support.ts";
import { createCallMeter, timedConnectors } from "../timed-connectors.ts";
import { channelBackfill } from "./channel-backfill.ts";

const ISSUE_ORDERS = 200_000;
const CHECKPOINTS = [25, 50, 75] as const;

/**
 * R-ORD-1: the 90-day order backfill of a newly paired Shopify store, through the new-orders feed
 * (a full run) against the sandbox in its own process. Hub-side orders/s leave out the time spent
 * inside connector calls (the API, its rate budget's waits, mapping), which is reported beside it;
 * RSS is read as the feed passes 25/50/75/100 % of the orders, and must stay flat.
 */
export const backfill: Benchmark = {
  name: "backfill",
  description:
    "90-day order backfill from a Shopify store (sandbox, Plus plan): hub-side orders/s, API time, RSS at 25/50/75/100 %",
  engines: ["embedded", "postgres"],
  platforms: ["shopify", "woocommerce", "bigcommerce"],
  async run(context) {
    if (context.platform !== "shopify") return channelBackfill(context.platform, context);
    const { database, smoke, log } = context;
    const orders = smoke ? 150 : issueSize ? ISSUE_ORDERS : 5_000;
    const products = smoke ? 50 : 2_000;
    const plan = "plus";
    const sandbox = await startShopifySandboxProcess({ seed: 5, products, orders, plan });
    const meter = createCallMeter();
    const rssAt: Record<string, number> = {};
    let read = 0;
    const onResult = (operation: string, result: unknown) => {
      if (operation !== "listOrders") return;
      const page = result as Page<unknown>;
      read += page.items.length;
      const total = page.estimatedTotal ?? orders;
      for (const at of CHECKPOINTS) {
        if (rssAt[at] === undefined && read >= (total * at) / 100) rssAt[at] = rss.now();
      }
    };
    const hub = await startBenchHub(database, {
      http: false,
      work: false,
      connectors: timedConnectors(connectors, meter, onResult),
    });
    const rss = rssSampler();
    try {
      const accountId = await createBenchAccount(hub.ctx.db, "Backfill");
      const connection = await pairShopify(hub.ctx, accountId, sandbox, "Backfill store", {
        onboarding: false,
      });
      const catalogue = await runFeed(hub.ctx, connection, "new-products");
      log(`${catalogue.counts.new} products imported; backfilling ${orders} orders`);
      meter.reset();
      const rssBefore = rss.now();
      const started = performance.now();
      const run = await runFeed(hub.ctx, connection, "new-orders", true);
      const seconds = (performance.now() - started) / 1000;
      rssAt[100] = rss.now();
      const apiSeconds = meter.totalMs() / 1000;
      const hubSeconds = seconds - apiSeconds;
      const c = run.counts;
      const handled = c.imported + c.updated + c.skipped + c.failed;
      const hubRate = Math.round(read / hubSeconds);
      const peak = rss.stop();
      const calls = [...meter.byOperation.entries()].map(([op, m]) => `${op} ${m.calls}`).join(", ");
      log(`connector calls: ${calls}`);
      return {
        parameters: {
          orders,
          issueOrders: ISSUE_ORDERS,
          products,
          plan,
          window: "90 days (a full new-orders run)",
          sandbox: "separate process",
        },
        figures: {
          ordersRead: read,
          imported: c.imported,
          parkedOrSkipped: c.skipped,
          failed: c.failed,
          handled,
          hubOrdersPerSecond: hubRate,
          wallOrdersPerSecond: Math.round(read / seconds),
          seconds: round(seconds),
          hubSeconds: round(hubSeconds),
          apiSeconds: round(apiSeconds),
          rssBeforeMiB: rssBefore,
          rss25MiB: rssAt[25] ?? null,
          rss50MiB: rssAt[50] ?? null,
          rss75MiB: rssAt[75] ?? null,
          rss100MiB: rssAt[100],
          peakRssMiB: peak,
        },
        headline: `${hubRate} orders/s hub-side (${read} orders, hub ${hubSeconds.toFixed(0)} s + API ${apiSeconds.toFixed(0)} s), RSS 25/50/75/100 % = ${rssAt[25]}/${rssAt[50]}/${rssAt[75]}/${rssAt[100]} MiB`,
      };
    } finally {
      rss.stop();
      await hub.stop();
      await sandbox.stop();
    }
  },
};
