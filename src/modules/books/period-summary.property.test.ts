import { eq } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiFor } from "../../../test/helpers/api.ts";
import { createTenant, startTestHub, type TestHub } from "../../../test/helpers/hub.ts";
import { createTestConnector, createTestPlatform } from "../../../test/helpers/test-connector.ts";
import type { Connector } from "../../connectors/contract.ts";
import type { Db } from "../../db/engine.ts";
import { importProducts } from "../catalog/index.ts";
import { recordImportedQuantities } from "../inventory/index.ts";
import { importOrder, orderIdsPlacedIn, ordersWithLines, recordRefund } from "../orders/index.ts";
import { ensurePosting } from "./ledger.ts";
import { periodBounds } from "./periods.ts";
import { booksSummaries, booksSummaryOrders } from "./schema.ts";
import { summarisePeriod } from "./summaries.ts";
import { buildSummary, type SummaryDraft } from "./summary-builder.ts";

/**
 * Issue 25 item 1: summaries are built in SQL. On random orders (two currencies, cancelled ones,
 * refunded ones, some queued for individual posting) over random days, every day's stored
 * summaries must be exactly those of the former path — the period's orders read into Node and
 * grouped by buildSummary — to the cent, with the same covered orders.
 */

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub({
    connectors: { test: createTestConnector(createTestPlatform()) as Connector<unknown> },
  });
});
afterAll(() => hub?.close());

const DAY = 86_400_000;
const BASE = Date.UTC(2025, 2, 10);
const DAYS = ["2025-03-10", "2025-03-11", "2025-03-12"];
// Case and accents: localeCompare and byte order disagree on these.
const SKUS = ["a-1", "B-2", "b-2", "Z_9", "é-5"];

/** The former path, kept as the reference: the period's free orders read into Node and grouped. */
async function summariesInNode(
  db: Db,
  accountId: string,
  channelId: string,
  periodKey: string,
  queued: Set<string>,
): Promise<SummaryDraft[]> {
  const { start, end } = periodBounds(periodKey);
  const ids = await orderIdsPlacedIn(db, accountId, channelId, start, end);
  const orders = await ordersWithLines(
    db,
    ids.filter((id) => !queued.has(id)),
  );
  return [...new Set(orders.map((o) => o.currency))].sort().map((currency) =>
    buildSummary(
      currency,
      orders.filter((o) => o.currency === currency),
    ),
  );
}

async function storedSummaries(db: Db, channelId: string, periodKey: string): Promise<SummaryDraft[]> {
  const rows = await db
    .select()
    .from(booksSummaries)
    .where(eq(booksSummaries.channelConnectionId, channelId))
    .orderBy(booksSummaries.currency);
  const out: SummaryDraft[] = [];
  for (const r of rows.filter((s) => s.periodKey === periodKey)) {
    const orders = await db
      .select({ id: booksSummaryOrders.orderId, orderNumber: booksSummaryOrders.orderNumber })
      .from(booksSummaryOrders)
      .where(eq(booksSummaryOrders.summaryId, r.id));
    out.push({
      currency: r.currency,
      lines: r.lines,
      discountMinor: r.discountMinor,
      taxMinor: r.taxMinor,
      shippingMinor: r.shippingMinor,
      totalMinor: r.totalMinor,
      orders,
    });
  }
  return out;
}

/** Lines in byte order of SKU (the SQL path's order; the former path sorted by locale), orders by id. */
const comparable = (drafts: SummaryDraft[]) =>
  drafts.map((d) => ({
    ...d,
    lines: [...d.lines].sort((a, b) =>
      a.sku === b.sku ? a.unitPriceMinor - b.unitPriceMinor : a.sku < b.sku ? -1 : 1,
    ),
    orders: [...d.orders].sort((a, b) => (a.id < b.id ? -1 : 1)),
  }));

const order = fc.record({
  day: fc.integer({ min: -1, max: DAYS.length }),
  timeOfDay: fc.integer({ min: 0, max: DAY - 1 }),
  currency: fc.constantFrom("USD", "USD", "EUR"),
  lines: fc.uniqueArray(
    fc.record({
      sku: fc.constantFrom(...SKUS),
      quantity: fc.integer({ min: 1, max: 40 }),
      unitPriceMinor: fc.constantFrom(0, 199, 250, 1_000, 249_999),
      variant: fc.integer({ min: 0, max: 2 }),
    }),
    { minLength: 1, maxLength: 4, selector: (l) => l.sku },
  ),
  discountMinor: fc.integer({ min: 0, max: 500 }),
  taxMinor: fc.integer({ min: 0, max: 20_000 }),
  shippingMinor: fc.integer({ min: 0, max: 5_000 }),
  cancelled: fc.integer({ min: 0, max: 7 }).map((n) => n === 0),
  refundedUnits: fc.integer({ min: 0, max: 3 }),
  queued: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
});

describe("summaries built in SQL", () => {
  it("equal the former per-order path's to the cent, with the same orders covered", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(order, { minLength: 1, maxLength: 25 }), async (list) => {
        const db = hub.ctx.db;
        const tenant = await createTenant(hub);
        const { accountId } = tenant;
        const api = apiFor(hub.app, tenant);
        const connect = async (name: string) => {
          const res = await api.post("/api/v1/connections", {
            platform: "test",
            name,
            credentials: { token: "good-token" },
          });
          expect(res.status, JSON.stringify(res.body)).toBe(201);
          return res.body.id as string;
        };
        const channelId = await connect("Shop");
        const booksId = await connect("Books");
        await importProducts(
          db,
          accountId,
          SKUS.map((sku) => ({ sku, name: sku, quantity: 1_000 })),
          { recordQuantities: recordImportedQuantities },
        );
        const queued = new Set<string>();
        for (const [i, o] of list.entries()) {
          const { orderId } = await importOrder(db, accountId, {
            connectionId: channelId,
            platformOrderId: `o${i}`,
            orderNumber: `#${1000 + i}`,
            placedAt: new Date(BASE + o.day * DAY + o.timeOfDay),
            currency: o.currency,
            lines: o.lines.map((l) => ({
              sku: l.sku,
              name: `${l.sku} v${l.variant}`,
              quantity: l.quantity,
              unitPriceMinor: l.unitPriceMinor,
            })),
            discountMinor: o.discountMinor,
            taxMinor: o.taxMinor,
            shippingMinor: o.shippingMinor,
            cancelled: o.cancelled || undefined,
          });
          if (o.refundedUnits > 0 && !o.cancelled) {
            const line = o.lines[0]!;
            await recordRefund(db, accountId, orderId, {
              platformRefundId: `r${i}`,
              currency: o.currency,
              lines: [{ sku: line.sku, quantity: Math.min(o.refundedUnits, line.quantity), restock: false }],
            });
          }
          if (o.queued) {
            queued.add(orderId);
            await ensurePosting(db, {
              accountId,
              booksConnectionId: booksId,
              channelConnectionId: channelId,
              subjectType: "order",
              subjectId: orderId,
            });
          }
        }

        for (const periodKey of DAYS) {
          const expected = await summariesInNode(db, accountId, channelId, periodKey, queued);
          const target = { accountId, channelConnectionId: channelId, booksConnectionId: booksId, periodKey };
          const postings = await summarisePeriod(db, target);
          expect(postings).toHaveLength(expected.length);
          const stored = await storedSummaries(db, channelId, periodKey);
          expect(comparable(stored)).toEqual(comparable(expected));
          // Summarising again changes nothing: the period's summaries stay as they are.
          await summarisePeriod(db, target);
          expect(await storedSummaries(db, channelId, periodKey)).toEqual(stored);
        }
      }),
      { numRuns: 12 },
    );
  }, 240_000);
});
