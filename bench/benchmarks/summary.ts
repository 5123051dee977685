import { sql } from "drizzle-orm";
import { queryRows } from "../../src/db/rows.ts";
import {
  getOrderSettings,
  periodEnded,
  periodKeys,
  putOrderSettings,
  summarisePeriod,
} from "../../src/modules/books/index.ts";
import { createConnection, switchConnectionMode } from "../../src/modules/sync/index.ts";
import { startQuickBooksOnlineSandbox } from "../../src/sandboxes/quickbooks-online/index.ts";
import { startShopifySandbox } from "../../src/sandboxes/shopify/index.ts";
import { credentialsFor } from "../../test/helpers/quickbooks-session.ts";
import type { Benchmark } from "../harness.ts";
import { rssSampler } from "../harness.ts";
import { seedOrders, seedProducts } from "../seed.ts";
import { createBenchAccount, pairShopify, round, startBenchHub } from "../support.ts";

const DAY = 86_400_000;

/**
 * R-ORD-3: the daily summary sales of 100k channel orders for a QuickBooks Online books
 * connection (sandbox), built the way a books sync builds them — one summary per day, lines
 * grouped by SKU and price, the covered orders listed, a ledger row per summary — without
 * posting them (posting is bound by QuickBooks' own limits and measured apart).
 */
export const summary: Benchmark = {
  name: "summary",
  description:
    "Daily summary sales built for 100k orders (QuickBooks Online sandbox, posting excluded): seconds",
  engines: ["embedded", "postgres"],
  async run({ database, smoke, log }) {
    const orders = smoke ? 1_000 : 100_000;
    const days = smoke ? 10 : 90;
    const productCount = smoke ? 200 : 2_000;
    const shop = await startShopifySandbox({ seed: 3, products: 2, orders: 0, locations: 1 });
    const qbo = await startQuickBooksOnlineSandbox({ seed: 3, items: 5 });
    const hub = await startBenchHub(database, { http: false, work: false });
    try {
      const ctx = hub.ctx;
      const accountId = await createBenchAccount(ctx.db, "Summary");
      const channel = await pairShopify(ctx, accountId, shop, "Web shop", { onboarding: false });
      const books = await createConnection(
        ctx,
        accountId,
        { platform: "quickbooks-online", name: "Books", credentials: credentialsFor(qbo) },
        "bench",
      );
      await switchConnectionMode(ctx.db, accountId, books.id, "live", "bench");
      await putOrderSettings(ctx, accountId, channel.id, { booksConnectionId: books.id });
      const skus = await seedProducts(ctx.db, accountId, productCount);
      const seeding = performance.now();
      await seedOrders(database, accountId, { orders, days, skus, connectionId: channel.id, log });
      log(
        `${orders} orders over ${days} days seeded in ${((performance.now() - seeding) / 1000).toFixed(0)} s`,
      );

      // What syncBooks does for a range in summary mode, short of posting.
      const settings = await getOrderSettings(ctx.db, accountId, channel.id);
      const today = Math.floor(Date.now() / DAY) * DAY;
      const range = {
        from: new Date(today - days * DAY).toISOString().slice(0, 10),
        to: new Date(today - DAY).toISOString().slice(0, 10),
      };
      const now = new Date();
      const rss = rssSampler();
      const started = performance.now();
      let ledgerRows = 0;
      for (const periodKey of periodKeys(range, settings.grouping).filter((k) => periodEnded(k, now))) {
        const postings = await summarisePeriod(ctx.db, {
          accountId,
          channelConnectionId: channel.id,
          booksConnectionId: books.id,
          periodKey,
        });
        ledgerRows += postings.length;
      }
      const seconds = (performance.now() - started) / 1000;
      const peak = rss.stop();
      const [built] = await queryRows<{ summaries: number; lines: number; covered: number }>(
        ctx.db,
        sql`select count(*)::int as summaries,
              coalesce(sum(jsonb_array_length(lines)), 0)::int as lines,
              (select count(*) from books_summary_orders where account_id = ${accountId})::int as covered
            from books_summaries where account_id = ${accountId}`,
      );
      const perSecond = Math.round(orders / seconds);
      return {
        parameters: {
          orders,
          days,
          products: productCount,
          linesPerOrder: "1–3",
          grouping: settings.grouping,
        },
        figures: {
          seconds: round(seconds),
          ordersPerSecond: perSecond,
          summaries: built?.summaries ?? 0,
          summaryLines: built?.lines ?? 0,
          ordersCovered: built?.covered ?? 0,
          ledgerRows,
          peakRssMiB: peak,
        },
        headline: `${seconds.toFixed(1)} s for ${orders} orders (${perSecond} orders/s) → ${built?.summaries} daily summaries covering ${built?.covered} orders`,
      };
    } finally {
      await hub.stop();
      await qbo.close();
      await shop.close();
    }
  },
};
