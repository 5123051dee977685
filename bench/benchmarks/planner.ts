import { DEFAULT_PLAN_SETTINGS, plannerReport } from "../../src/modules/planning/index.ts";
import type { Benchmark } from "../harness.ts";
import { rssSampler } from "../harness.ts";
import { seedOrders, seedProducts } from "../seed.ts";
import { createBenchAccount, issueSize, round } from "../support.ts";

const ISSUE_SKUS = 100_000;
/** The API's largest page (src/http/pagination.ts). */
const PAGE = 500;

/**
 * R-INV-4: the inventory planner report over 100k SKUs and 90 days of orders, read the way the
 * API serves it — pages of 500 SKUs in SKU order — from the first page to the last.
 */
export const planner: Benchmark = {
  name: "planner",
  description: "Planner report over 100k SKUs × 90 days of orders, every page of 500: seconds",
  engines: ["embedded", "postgres"],
  async run({ database, smoke, log }) {
    // The issue's 100k × 100k takes ~16 min on PostgreSQL here (11 of them the report): the default is half.
    const productCount = smoke ? 2_000 : issueSize ? ISSUE_SKUS : 50_000;
    const orders = smoke ? 2_000 : issueSize ? 100_000 : 50_000;
    const days = 90;
    const db = database.db;
    const accountId = await createBenchAccount(db, "Planner");
    const seeding = performance.now();
    const skus = await seedProducts(db, accountId, productCount, 500);
    await seedOrders(database, accountId, { orders, days, skus, connectionId: null, log });
    log(
      `${productCount} SKUs and ${orders} orders seeded in ${((performance.now() - seeding) / 1000).toFixed(0)} s`,
    );

    const settings = DEFAULT_PLAN_SETTINGS;
    const now = new Date();
    const rss = rssSampler();
    const started = performance.now();
    let firstPageSeconds = 0;
    let rows = 0;
    let pages = 0;
    let unitsSold = 0;
    const statuses: Record<string, number> = {};
    let afterSku: string | undefined;
    for (;;) {
      const page = await plannerReport(db, accountId, {
        settings,
        connectionId: null,
        now,
        afterSku,
        limit: PAGE,
      });
      pages += 1;
      if (pages === 1) firstPageSeconds = (performance.now() - started) / 1000;
      for (const row of page.slice(0, PAGE)) {
        rows += 1;
        unitsSold += row.unitsSold;
        statuses[row.status] = (statuses[row.status] ?? 0) + 1;
      }
      if (page.length <= PAGE) break;
      afterSku = page[PAGE - 1]!.sku;
    }
    const seconds = (performance.now() - started) / 1000;
    const peak = rss.stop();
    return {
      parameters: {
        skus: productCount,
        issueSkus: ISSUE_SKUS,
        orders,
        linesPerOrder: "1–3",
        days,
        pageSize: PAGE,
      },
      figures: {
        seconds: round(seconds),
        firstPageSeconds: round(firstPageSeconds, 3),
        secondsPerPage: round(seconds / pages, 3),
        pages,
        rows,
        unitsSold,
        statuses: Object.entries(statuses)
          .map(([s, n]) => `${s} ${n}`)
          .join(", "),
        peakRssMiB: peak,
      },
      headline: `${seconds.toFixed(1)} s for the whole report (${rows} SKUs, ${pages} pages of ${PAGE}; first page ${firstPageSeconds.toFixed(2)} s)`,
    };
  },
};
